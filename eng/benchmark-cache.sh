#!/usr/bin/env bash
# Project B's build from a team binary cache vs building locally: the sample's libgreet plus zlib
# 1.2.13 (from Debian's source, salted so that Nix really compiles), for one target and strategy.
#   1. project A builds locally (timed: "local"), then pushes to a file:// cache (timed: "push";
#      the build itself is up to date in the store by then);
#   2. A's outputs are deleted from the store (its GC roots first);
#   3. project B, a fresh copy of the same sources, builds with the cache as substituter (timed:
#      "from cache"). Every time is the whole `dotnet build`, restore and MSBuild included.
# Usage: ./eng/benchmark-cache.sh [system] [strategy]   (default aarch64-linux emulated)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
system="${1:-aarch64-linux}"
strategy="${2:-emulated}"
source "$repo/eng/benchmark-common.sh"
work="$repo/artifacts/benchmark-cache/$system-$strategy"
rm -rf "$work"; mkdir -p "$work"
pack_crosssdk

nix-store --generate-binary-cache-key "bench-cache-1" "$work/secret.key" "$work/public.key" >/dev/null
salt="$(date +%s%N)"
project() { # folder
  fresh_sample "$1"
  cat > "$1/Greet/native/zlib-salted.nix" <<NIX
{ lib, stdenv, debianSource }:
import $repo/tests/nixpkgs/pkgs/zlib.nix {
  inherit lib debianSource;
  stdenv = stdenv // { mkDerivation = a: stdenv.mkDerivation (a // { benchmarkSalt = "$salt"; }); };
}
NIX
  echo "/* salt $salt */" >> "$1/Greet/native/greet.c"
  sed -i 's|<CrossPackage Include="native/greet.nix" />|<CrossPackage Include="native/greet.nix" /><CrossPackage Include="native/zlib-salted.nix" />|' "$1/Greet/Greet.csproj"
}
build() { # label folder extra-args...
  local label="$1" folder="$2"; shift 2
  /usr/bin/time -f "%e" -o "$work/t" dotnet build "$folder/Greet" -nologo -v m -tl:off \
    "-p:CrossTarget=$system" "-p:CrossStrategy=$strategy" "-p:CrossNixpkgs=$repo/tests/nixpkgs" "$@" >"$work/$label.log" 2>&1 \
    || { tail -30 "$work/$label.log"; exit 1; }
  cat "$work/t"
}

project "$work/a"
local_s=$(build local "$work/a")
echo "<!-- push -->" >> "$work/a/Greet/Greet.csproj"
push_s=$(build push "$work/a" "-p:CrossCacheUpload=file://$work/cache" "-p:CrossCacheSigningKeyFile=$work/secret.key")
grep -o "CrossSdk: pushed .*" "$work/push.log" | head -1 || true

roots="$work/a/Greet/obj/cross/gcroots"
outputs=$(for l in "$roots"/*; do readlink "$l"; done | grep -E -- '-(greet|zlib)-' | sort -u)
rm -f "$roots"/*
nix-store --delete $outputs >"$work/delete.log" 2>&1 || { cat "$work/delete.log"; exit 1; }

project "$work/b"
cache_s=$(build cache "$work/b" "-p:CrossSubstituters=file://$work/cache" "-p:CrossTrustedPublicKeys=$(cat "$work/public.key")")
grep -o "CrossSdk: .* -> .*" "$work/cache.log" | head -1 || true
printf '%s %s (greet + zlib): local build %ss, push %ss, project B from the cache %ss\n' "$system" "$strategy" "$local_s" "$push_s" "$cache_s"
