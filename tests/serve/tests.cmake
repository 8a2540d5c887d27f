# Tests of the web dashboard (issue 7), included from tests/CMakeLists.txt.
# Unit tests (gtest, label unit, also run under ASan): src/serve's pieces.
# API tests (label cli): the real `detente serve` on a store of the sample,
# over HTTP (tests/serve/serve_api_test.py). Browser test (label e2e): the
# dashboard in Debian's headless chromium, driven by playwright-core
# (tests/serve/e2e_test.mjs); screenshots go to build/artifacts/e2e/.
add_executable(detente_serve_tests ${CMAKE_CURRENT_SOURCE_DIR}/serve/serve_test.cc)
target_link_libraries(detente_serve_tests PRIVATE detente_serve GTest::gtest GTest::gtest_main)
gtest_discover_tests(detente_serve_tests DISCOVERY_TIMEOUT 60 PROPERTIES LABELS unit)

find_package(Python3 COMPONENTS Interpreter)
if(Python3_Interpreter_FOUND)
  foreach(case endpoints errors pagination readonly static limits)
    add_test(NAME serve_api_${case}
             COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/serve/serve_api_test.py
                     $<TARGET_FILE:detente> ${case})
    set_tests_properties(serve_api_${case} PROPERTIES LABELS cli TIMEOUT 300
                         ENVIRONMENT "DETENTE_DICT_DIR=${DETENTE_DICT_DIR}")
  endforeach()
endif()

find_program(NODE_EXECUTABLE node)
if(NODE_EXECUTABLE AND EXISTS /usr/bin/chromium)
  add_test(NAME serve_e2e_browser
           COMMAND ${NODE_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/serve/e2e_test.mjs
                   $<TARGET_FILE:detente> ${CMAKE_SOURCE_DIR}/web ${CMAKE_BINARY_DIR}/artifacts/e2e)
  set_tests_properties(serve_e2e_browser PROPERTIES LABELS e2e TIMEOUT 300
                       ENVIRONMENT "DETENTE_DICT_DIR=${DETENTE_DICT_DIR}")
else()
  message(WARNING "node or /usr/bin/chromium missing: the dashboard's browser test is not registered "
                  "(scripts/setup.sh installs both)")
endif()
