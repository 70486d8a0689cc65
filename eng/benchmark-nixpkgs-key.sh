#!/usr/bin/env bash
# What keying a CrossNixpkgs checkout by its content costs a no-op build. A real nixpkgs checkout
# has ~40,000 files; the offline package set has a few dozen. This makes a copy of the offline set
# with 40,000 extra files (the size of nixpkgs), builds the HelloNative library once against it,
# then times no-op builds against it and against the small set, paired and alternated.
# Usage: ./eng/benchmark-nixpkgs-key.sh [runs] [files]   (default 5 runs, 40000 files)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-5}"
files="${2:-40000}"
source "$repo/eng/benchmark-common.sh"
bench="$repo/artifacts/benchmark-nixpkgs-key"
rm -rf "$bench"
mkdir -p "$bench"

pack_crosssdk

big="$bench/nixpkgs-big"
cp -r "$repo/tests/nixpkgs" "$big"
python3 - "$big" "$files" <<'PY'
import os, sys
root, n = sys.argv[1], int(sys.argv[2])
for i in range(n):
    d = os.path.join(root, "pkgs", "filler", f"{i // 100:03d}")
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, f"p{i % 100:02d}.nix"), "w") as f:
        f.write("{ }: { }\n")
PY
echo "nixpkgs copy with $(find "$big" -type f | wc -l) files"

for set in small big; do
  fresh_sample "$bench/$set"
done
nixpkgs_of() { if [ "$1" = big ]; then echo "$big"; else echo "$repo/tests/nixpkgs"; fi; }
build() { dotnet build "$bench/$1/Greet" -nodeReuse:false "-p:CrossNixpkgs=$(nixpkgs_of "$1")" -p:CrossTarget=aarch64-linux; }
for set in small big; do build "$set" >/dev/null; done

small=() big_=()
for i in $(seq "$runs"); do
  for set in small big; do
    /usr/bin/time -f "%e" -o "$bench/time.txt" bash -c "$(declare -f build nixpkgs_of); big='$big' repo='$repo' bench='$bench'; build $set" >"$bench/out.txt" 2>&1 \
      || { cat "$bench/out.txt"; exit 1; }
    grep -q "up to date" "$bench/out.txt" || grep -q "Build succeeded" "$bench/out.txt"
    if [ "$set" = small ]; then small+=("$(cat "$bench/time.txt")"); else big_+=("$(cat "$bench/time.txt")"); fi
  done
done
s=$(printf '%s\n' "${small[@]}" | median); b=$(printf '%s\n' "${big_[@]}" | median)
printf 'no-op, offline set (%s files):   median %s s   runs %s\n' "$(find "$repo/tests/nixpkgs" -type f | wc -l)" "$s" "${small[*]}"
printf 'no-op, %s-file checkout:       median %s s   runs %s\n' "$files" "$b" "${big_[*]}"
awk -v s="$s" -v b="$b" 'BEGIN { printf "cost of keying the checkout by content: %+.2f s (%.2fx)\n", b - s, b / s }'
