#!/usr/bin/env bash
# Sets everything up and runs the main demo: builds sfcpp, generates typed records from the
# shipped describe files and runs examples/demo against the embedded emulator.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/scripts/install-deps.sh"
build=${BUILD_DIR:-$root/build/demo}
launcher=()
command -v ccache >/dev/null && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
cmake -S "$root" -B "$build" -DCMAKE_BUILD_TYPE=Release -DSFCPP_BUILD_TESTS=OFF "${launcher[@]}" >/dev/null
cmake --build "$build" -j "$(nproc)" --target sfcpp_demo
"$build/examples/sfcpp_demo" "$@"
