#!/usr/bin/env bash
# Runs the built test suite (Microsoft.Testing.Platform executable) and prints one closing line,
# "N passed, N failed, N skipped", read from its TRX report. Exits non-zero on any failure and
# when no test ran. Extra arguments go to the test runner (e.g. --filter-class ...).
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$repo/artifacts/test-results"
rm -rf "$results"
mkdir -p "$results"

"$repo/tests/CrossSdk.Tests/bin/Release/net10.0/CrossSdk.Tests" \
  --report-trx --report-trx-filename results.trx --results-directory "$results" "$@"
runner_exit=$?

trx="$results/results.trx"
if [ ! -f "$trx" ]; then
  echo "0 passed, 0 failed, 0 skipped"
  echo "run-tests: no TRX report was written (runner exit code $runner_exit)" >&2
  exit 1
fi

counter() { grep -o "<Counters [^>]*" "$trx" | grep -o " $1=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0; }
total=$(counter total)
passed=$(counter passed)
failed=$(( $(counter failed) + $(counter error) + $(counter timeout) + $(counter aborted) ))
skipped=$(( total - passed - failed ))

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then
  echo "run-tests: no test ran" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$runner_exit" -ne 0 ]; then
  exit 1
fi
