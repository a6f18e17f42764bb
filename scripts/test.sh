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
start=$(date +%s)
(cd "$build" && ctest --output-on-failure -j "$jobs" --timeout 600)
echo "sfcpp: tests took $(( $(date +%s) - start )) s"

# The run-time suites again under AddressSanitizer and UndefinedBehaviorSanitizer, in their own
# build folder, and in the other compilation mode: there they link sfcpp::compiled
# (SFCPP_TEST_COMPILED, separate compilation), while the build above tests the header-only mode.
# Left out there, to keep CI within 45 minutes on 2 cores: the compile-fail and install tests and
# the SOQL builder and generated-800-field suites, which check what compiles and cost most of the
# build (SFCPP_ASAN_ALL=1 builds and runs everything).
if [ "${SFCPP_SANITIZE_SUITE:-1}" = 1 ]; then
  asan=${build}-asan
  cmake -S "$root" -B "$asan" -DCMAKE_BUILD_TYPE=Debug -DSFCPP_SANITIZE=ON -DSFCPP_TEST_COMPILED=ON \
    -DSFCPP_BUILD_EXAMPLES=OFF "${launcher[@]}" >/dev/null
  asan_targets=(--target sfcpp-codegen sfcpp_tests sfcpp_csv_tests sfcpp_emulator_tests sfcpp_client_tests
    sfcpp_bulk_tests sfcpp_hardening_tests sfcpp_fuzz_regressions sfcpp_one_header_tests sfcpp_codegen_org_tests)
  asan_skip="^(codegen\.generated|soql)$"
  if [ "${SFCPP_ASAN_ALL:-0}" = 1 ]; then asan_targets=(); asan_skip="^$"; fi
  start=$(date +%s)
  cmake --build "$asan" -j "$jobs" "${asan_targets[@]}"
  echo "sfcpp: sanitizer build took $(( $(date +%s) - start )) s"
  # The hardening load test runs SFCPP_ASAN_LOAD_OPS operations per client here (ASan slows it ~3x).
  start=$(date +%s)
  (cd "$asan" && SFCPP_LOAD_OPS="${SFCPP_ASAN_LOAD_OPS:-500}" \
     ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
     ctest --output-on-failure -j "$jobs" --timeout 900 -LE "compile_fail|install" -E "$asan_skip")
  echo "sfcpp: sanitizer tests took $(( $(date +%s) - start )) s"
fi

# ThreadSanitizer over the concurrency tests only (CTest label `concurrency`: the hardening load test
# and the threaded cases of the emulator and client suites), in its own build folder with only the
# targets they need. The load test runs SFCPP_TSAN_LOAD_OPS operations per client there (TSan
# slows it 5-15x); the normal and ASan suites run it at full size. SFCPP_TSAN_SUITE=0 skips it.
if [ "${SFCPP_TSAN_SUITE:-1}" = 1 ]; then
  tsan=${build}-tsan
  cmake -S "$root" -B "$tsan" -DCMAKE_BUILD_TYPE=Debug -DSFCPP_SANITIZE=thread -DSFCPP_BUILD_EXAMPLES=OFF \
    "${launcher[@]}" >/dev/null
  start=$(date +%s)
  cmake --build "$tsan" -j "$jobs" --target sfcpp_hardening_tests sfcpp_concurrency_tests
  echo "sfcpp: thread sanitizer build took $(( $(date +%s) - start )) s"
  # Without address space randomisation: some kernels map memory where gcc 12's TSan cannot work.
  norandom=()
  setarch "$(uname -m)" -R true 2>/dev/null && norandom=(setarch "$(uname -m)" -R)
  start=$(date +%s)
  (cd "$tsan" && SFCPP_LOAD_OPS="${SFCPP_TSAN_LOAD_OPS:-250}" TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
     "${norandom[@]}" ctest --output-on-failure -j "$jobs" --timeout 900 -L concurrency)
  echo "sfcpp: thread sanitizer run took $(( $(date +%s) - start )) s"
fi

# Short libFuzzer runs (clang, ASan+UBSan) over every fuzz target; FUZZ_SECONDS each.
# One target per core, each after replaying tests/data/fuzz_regressions; long runs: tests/fuzz/README.md.
if [ "${SFCPP_FUZZ_SUITE:-1}" = 1 ]; then
  fuzz=${build}-fuzz
  CXX=clang++ cmake -S "$root" -B "$fuzz" -DCMAKE_BUILD_TYPE=Debug -DSFCPP_BUILD_EMULATOR=OFF -DSFCPP_BUILD_EXAMPLES=OFF \
    -DSFCPP_FUZZ_SECONDS="${FUZZ_SECONDS:-15}" "${launcher[@]}" >/dev/null
  start=$(date +%s)
  cmake --build "$fuzz" -j "$jobs" --target sfcpp_fuzz_all
  echo "sfcpp: fuzz build took $(( $(date +%s) - start )) s"
  start=$(date +%s)
  (cd "$fuzz" && ctest --output-on-failure -L fuzz -j "$jobs")
  echo "sfcpp: fuzz runs took $(( $(date +%s) - start )) s"
fi
