#!/usr/bin/env bash
# Installs every system dependency detente needs on Debian 12 (bookworm).
# Idempotent: packages already present are skipped, so re-running is cheap.
set -euo pipefail

REQUIRED=(
  build-essential cmake ninja-build pkg-config git
  libicu-dev libfmt-dev libcli11-dev nlohmann-json3-dev libsimdjson-dev
  libgumbo-dev libre2-dev libsqlite3-dev libzstd-dev zlib1g-dev
  libhowardhinnant-date-dev
  wordnet-base festlex-poslex
  libgtest-dev libgmock-dev googletest libbenchmark-dev
  libsqlite3-dev sqlite3 librsvg2-bin
  clang-19 libclang-rt-19-dev
  zstd python3
  libcpp-httplib-dev nodejs chromium
)

missing=()
for p in "${REQUIRED[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

# The dashboard is built with npm (web/). Debian's nodejs comes without it
# (package npm); a NodeSource nodejs brings its own, which the npm package
# would conflict with.
if ! command -v npm >/dev/null 2>&1; then missing+=(npm); fi

if ((${#missing[@]})); then
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  echo "setup: installing ${#missing[@]} Debian package(s): ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -qq
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "setup: all Debian packages present" >&2
fi
