#!/usr/bin/env bash
# Measures what CrossSdk costs a developer: wall time and peak memory (max RSS of the dotnet
# process tree's largest process) of
#   cold   a first `dotnet build` of the HelloNative sample for aarch64-linux and riscv64-linux:
#          restore, compile, and Nix building libgreet for both targets (the C source is salted
#          each run, so Nix really compiles; the toolchain wrappers stay cached, as on a dev box)
#   no-op  the same build again with nothing changed (CrossSdk must not start nix)
# Usage: ./eng/benchmark.sh [runs]   (default 3; prints the median and each run)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
source "$repo/eng/benchmark-common.sh"
bench="$repo/artifacts/benchmark"
mkdir -p "$bench"

pack_crosssdk

# A nix that counts its calls, to prove the no-op build starts none.
printf '#!/bin/sh\necho "$*" >> "%s/nix-calls"\nexec nix "$@"\n' "$bench" > "$bench/nix"
chmod +x "$bench/nix"

measure() { # label, command...: prints "seconds maxrss_kb"
  /usr/bin/time -f "%e %M" -o "$bench/time.txt" "$@" >"$bench/out.txt" 2>&1 || { cat "$bench/out.txt"; exit 1; }
  cat "$bench/time.txt"
}


cold=() noop=() cold_mem=() noop_mem=()
for i in $(seq "$runs"); do
  fresh_sample "$bench/sample"
  printf '\n/* benchmark salt %s-%s */\n' "$(date +%s%N)" "$i" >> "$bench/sample/Greet/native/greet.c"
  args=(build "$bench/sample/HelloNative" -nodeReuse:false "-p:CrossNixpkgs=$repo/tests/nixpkgs"
        "-p:CrossNixExecutable=$bench/nix" '-p:CrossTargets="aarch64-linux,riscv64-linux"')
  read -r t m < <(measure dotnet "${args[@]}"); cold+=("$t"); cold_mem+=("$m")
  rm -f "$bench/nix-calls"
  read -r t m < <(measure dotnet "${args[@]}"); noop+=("$t"); noop_mem+=("$m")
  [ ! -s "$bench/nix-calls" ] || { echo "the no-op build started nix:"; cat "$bench/nix-calls"; exit 1; }
done

printf '%-8s %10s %14s   %s\n' build "median s" "max RSS MiB" "runs (s)"
printf '%-8s %10s %14s   %s\n' cold "$(printf '%s\n' "${cold[@]}" | median)" "$(( $(printf '%s\n' "${cold_mem[@]}" | median) / 1024 ))" "${cold[*]}"
printf '%-8s %10s %14s   %s\n' no-op "$(printf '%s\n' "${noop[@]}" | median)" "$(( $(printf '%s\n' "${noop_mem[@]}" | median) / 1024 ))" "${noop[*]}"
