#!/usr/bin/env bash
# Runs the built test projects (Microsoft.Testing.Platform executables) and prints one closing
# line, "N passed, N failed, N skipped", summed over their TRX reports. Exits non-zero on any
# failure and when no test ran at all.
#   bash eng/run-tests.sh [ARGS...]               every project, one layer after another: unit,
#                                                 integration, end to end
#   bash eng/run-tests.sh unit [ARGS...]          only tests/CrossSdk.UnitTests (no nix, no root)
#   bash eng/run-tests.sh integration [ARGS...]   only tests/CrossSdk.IntegrationTests (real
#                                                 processes, the recorded Nix, in-process MSBuild)
# ARGS go to each test runner (e.g. --filter "FullyQualifiedName~Planner"); a project the filter
# leaves with no test counts 0, not a failure.
set -uo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
results="$repo/artifacts/test-results"

projects=(CrossSdk.UnitTests CrossSdk.IntegrationTests CrossSdk.EndToEndTests)
case "${1:-}" in
  unit) projects=(CrossSdk.UnitTests); shift ;;
  integration) projects=(CrossSdk.IntegrationTests); shift ;;
esac

rm -rf "$results"
mkdir -p "$results"

counter() { # trx name
  grep -o "<Counters [^>]*" "$1" | grep -o " $2=\"[0-9]*\"" | grep -o "[0-9]*" || echo 0
}

total=0 passed=0 failed=0 broken=0
for project in "${projects[@]}"; do
  "$repo/tests/$project/bin/Release/net10.0/$project" \
    --report-trx --report-trx-filename "$project.trx" --results-directory "$results" "$@"
  runner_exit=$?
  trx="$results/$project.trx"
  if [ ! -f "$trx" ]; then
    echo "run-tests: $project wrote no TRX report (runner exit code $runner_exit)" >&2
    broken=1
    continue
  fi
  # Exit code 8 is "zero tests ran": a filter that matches only another project's tests.
  if [ "$runner_exit" -ne 0 ] && [ "$runner_exit" -ne 8 ]; then
    broken=1
  fi
  total=$(( total + $(counter "$trx" total) ))
  passed=$(( passed + $(counter "$trx" passed) ))
  failed=$(( failed + $(counter "$trx" failed) + $(counter "$trx" error) + $(counter "$trx" timeout) + $(counter "$trx" aborted) ))
done
skipped=$(( total - passed - failed ))

echo "$passed passed, $failed failed, $skipped skipped"
if [ "$total" -eq 0 ]; then
  echo "run-tests: no test ran" >&2
  exit 1
fi
if [ "$failed" -ne 0 ] || [ "$broken" -ne 0 ]; then
  exit 1
fi
