# Installs the dashboard's npm packages (web/node_modules) from
# package-lock.json when they are missing or older than the lock file.
# Usage: cmake -DWEB_DIR=web -DNPM=/usr/bin/npm -P npm_ci.cmake
set(marker "${WEB_DIR}/node_modules/.package-lock.json")
if(EXISTS "${marker}" AND NOT "${WEB_DIR}/package-lock.json" IS_NEWER_THAN "${marker}")
  return()
endif()
message(STATUS "web: npm ci (installing the dashboard's build tools into web/node_modules)")
execute_process(COMMAND "${NPM}" ci --no-audit --no-fund --loglevel=error
                WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  # npm 11 with `omit-lockfile-registry-resolved` (this platform's npmrc)
  # rejects its own lock file in `npm ci` ("Missing: @rollup/rollup-android-…
  # from lock file": optional platform packages); `npm install` installs the
  # same locked versions.
  message(STATUS "web: npm ci refused the lock file; npm install with the same lock")
  execute_process(COMMAND "${NPM}" install --no-audit --no-fund --loglevel=error
                  WORKING_DIRECTORY "${WEB_DIR}" RESULT_VARIABLE rc)
endif()
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "npm ci failed in ${WEB_DIR} (exit ${rc}); the npm registry must be reachable")
endif()
file(TOUCH "${marker}")
