#!/usr/bin/env bash
# Counts what a build asks of Nix, per scenario, and compares CrossSdk's cost with MSBuild's own:
#   cold-auto    first build, CrossStrategy=auto, aarch64-linux + riscv64-linux (source salted)
#   cold-cross   the same with CrossStrategy=cross
#   warm         the store has everything; obj/cross and bin wiped
#   no-op        nothing changed
# For each: wall time (median of runs), nix processes, nix processes that evaluate Nix code
# (-f / --expr / eval: each costs seconds with a real nixpkgs), and the peak RSS of those.
# Then the ratios the design asks for, from paired, alternated runs:
#   no-op ratio  no-op build of the library with CrossSdk / the same library without CrossSdk,
#                with <Sdk Name="CrossSdk" /> and with a PackageReference to CrossSdk (the same
#                targets, without NuGet's SDK resolver: it costs ~25 ms per project evaluation)
#   warm ratio   warm build / (plain build + one bare `nix build` of the generated expression)
# Usage: ./eng/benchmark-pipeline.sh [runs]   (default 3)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-3}"
source "$repo/eng/benchmark-common.sh"
bench="$repo/artifacts/benchmark-pipeline"
rm -rf "$bench"
mkdir -p "$bench"

pack_crosssdk

# A nix that logs each call and, for the ones that evaluate, their peak RSS (KiB).
cat > "$bench/nix" <<SH
#!/bin/sh
case " \$* " in
  *" -f "*|*" --file "*|*" --expr "*|*" eval "*)
    printf 'eval %s\n' "\$*" >> "$bench/calls"
    exec /usr/bin/time -a -o "$bench/eval-rss" -f "%M" nix "\$@" ;;
  *) printf 'other %s\n' "\$*" >> "$bench/calls"; exec nix "\$@" ;;
esac
SH
chmod +x "$bench/nix"

timed() { # prints seconds (the command may be a shell function); its output goes to $bench/out.txt
  local start end
  start=$(date +%s.%N)
  "$@" >"$bench/out.txt" 2>&1 || { cat "$bench/out.txt" >&2; exit 1; }
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" 'BEGIN { printf "%.2f\n", e - s }'
}
build() { # folder strategy
  dotnet build "$1/Greet" -nodeReuse:false "-p:CrossNixpkgs=$repo/tests/nixpkgs" "-p:CrossNixExecutable=$bench/nix" \
    "-p:CrossStrategy=$2" '-p:CrossTargets="aarch64-linux,riscv64-linux"'
}

declare -A wall procs evals rss
record() { # scenario seconds
  local n e r
  n=0 e=0
  if [ -f "$bench/calls" ]; then n=$(wc -l < "$bench/calls"); e=$(grep -c '^eval' "$bench/calls" || true); fi
  r=$( [ -s "$bench/eval-rss" ] && sort -n "$bench/eval-rss" | tail -1 || echo 0)
  wall[$1]+="$2 "; procs[$1]=$n; evals[$1]=${e:-0}; rss[$1]=$(( r / 1024 ))
  rm -f "$bench/calls" "$bench/eval-rss"
}

for i in $(seq "$runs"); do
  for strategy in auto cross; do
    s="$bench/sample-$strategy"; fresh_sample "$s"
    printf '\n/* salt %s-%s */\n' "$(date +%s%N)" "$i" >> "$s/Greet/native/greet.c"
    record "cold-$strategy" "$(timed build "$s" "$strategy")"
  done
  s="$bench/sample-auto"
  rm -rf "$s/Greet/obj/cross" "$s/Greet/bin"
  record warm "$(timed build "$s" auto)"
  record no-op "$(timed build "$s" auto)"
done

printf '%-11s %9s %14s %17s %15s\n' scenario "median s" "nix processes" "evaluating ones" "eval peak MiB"
for k in cold-auto cold-cross warm no-op; do
  printf '%-11s %9s %14s %17s %15s\n' "$k" "$(echo "${wall[$k]}" | tr ' ' '\n' | grep . | median)" "${procs[$k]}" "${evals[$k]}" "${rss[$k]}"
done

# Ratios: the same library with and without CrossSdk, paired and alternated.
plain="$bench/plain"; fresh_sample "$plain"
sed -i -e '/<Sdk Name="CrossSdk" \/>/d' -e '/<CrossPackage /d' "$plain/Greet/Greet.csproj"
dotnet build "$plain/Greet" -nodeReuse:false >/dev/null
pkgref="$bench/pkgref"; fresh_sample "$pkgref"
version="$(sed -n 's:.*<CrossSdkVersion[^>]*>\(.*\)</CrossSdkVersion>.*:\1:p' "$repo/Directory.Build.props")"
sed -i "s|<Sdk Name=\"CrossSdk\" />|<ItemGroup><PackageReference Include=\"CrossSdk\" Version=\"$version\" PrivateAssets=\"all\" /></ItemGroup>|" "$pkgref/Greet/Greet.csproj"
build "$pkgref" auto >/dev/null
with=() without=() reference=() warm=() baseline=()
for i in $(seq "$runs"); do
  with+=("$(timed build "$bench/sample-auto" auto)")
  without+=("$(timed dotnet build "$plain/Greet" -nodeReuse:false)")
  reference+=("$(timed build "$pkgref" auto)")
  rm -rf "$bench/sample-auto/Greet/obj/cross" "$bench/sample-auto/Greet/bin"
  warm+=("$(timed build "$bench/sample-auto" auto)")
  rm -rf "$plain/Greet/bin"
  plain_build=$(timed dotnet build "$plain/Greet" -nodeReuse:false)
  bare=$(timed nix --extra-experimental-features nix-command build --no-link -f "$bench/sample-auto/Greet/obj/cross/crosssdk.nix")
  baseline+=("$(awk -v a="$plain_build" -v b="$bare" 'BEGIN { print a + b }')")
done
w=$(printf '%s\n' "${with[@]}" | median); wo=$(printf '%s\n' "${without[@]}" | median); pr=$(printf '%s\n' "${reference[@]}" | median)
wa=$(printf '%s\n' "${warm[@]}" | median); ba=$(printf '%s\n' "${baseline[@]}" | median)
awk -v a="$w" -v b="$wo" 'BEGIN { printf "no-op ratio: %.2fx  (%s s with <Sdk Name=\"CrossSdk\" /> / %s s without; target <= 1.05x)\n", a / b, a, b }'
awk -v a="$pr" -v b="$wo" 'BEGIN { printf "no-op ratio: %.2fx  (%s s with a PackageReference to CrossSdk / %s s without)\n", a / b, a, b }'
awk -v a="$wa" -v b="$ba" 'BEGIN { printf "warm ratio:  %.2fx  (%s s / %s s plain build + bare nix build; target <= 1.2x)\n", a / b, a, b }'
