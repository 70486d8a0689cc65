#!/usr/bin/env bash
# Runs the incremental-equals-clean property test with more random edit sequences than the suite
# does (one seed there): ./eng/check-incremental.sh [N]  (N seeds, default 5; each takes minutes).
# Every failure prints its seed and edits; rerun one with CROSSSDK_INCREMENTAL_SEEDS=<seed>.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repo"
# shellcheck source=eng/nix-env.sh
source eng/nix-env.sh
count="${1:-5}"
seeds="$(for _ in $(seq "$count"); do printf '%s,' "$((RANDOM * 32768 + RANDOM))"; done)"
echo "check-incremental: seeds ${seeds%,}"
dotnet build CrossSdk.sln -c Release -nologo -v q
CROSSSDK_INCREMENTAL_SEEDS="${seeds%,}" bash eng/run-tests.sh --filter "FullyQualifiedName~IncrementalEqualsClean"
