#!/usr/bin/env bash
# Sets everything up and runs the whole test suite: installs missing Debian packages,
# configures, builds and runs CTest. BUILD_DIR (default build/test) keeps the build.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build/test}
jobs=$(nproc)
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Debug "${launcher[@]}" >/dev/null
start=$(date +%s)
cmake --build "$build" -j "$jobs"
echo "sfcpp: build took $(( $(date +%s) - start )) s"
cd "$build"
ctest --output-on-failure -j "$jobs" --timeout 600
