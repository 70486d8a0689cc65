#!/usr/bin/env bash
# Cross vs emulated build time of the same C library for aarch64-linux (or riscv64-linux), with
# the offline package set: the sample's libgreet (1 C file) and zlib 1.2.13 from Debian's source (15 C files, -O2).
# Each build is salted so that Nix really compiles; toolchains are built first and not timed.
# Usage: ./eng/benchmark-strategies.sh [runs] [system]   (default 1 aarch64-linux)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
system="${2:-aarch64-linux}"
case "$system" in
  aarch64-linux) cross=aarch64-multiplatform ;;
  riscv64-linux) cross=riscv64 ;;
  *) echo "benchmark-strategies: system is aarch64-linux or riscv64-linux" >&2; exit 2 ;;
esac
source "$repo/eng/nix-env.sh"
work="$repo/artifacts/benchmark-strategies"
mkdir -p "$work"
nix_build=(nix --extra-experimental-features nix-command build --no-link --option extra-platforms "$system" -f "$work/bench.nix")

cat > "$work/bench.nix" <<NIX
{ salt ? "" }:
let
  nixpkgs = $repo/tests/nixpkgs;
  host = import nixpkgs { localSystem = { system = "x86_64-linux"; }; };
  sets = { cross = host.pkgsCross.$cross; emulated = import nixpkgs { localSystem = { system = "$system"; }; }; };
  # The same package function, with an extra variable in the derivation: a new derivation to build.
  salted = pkgs: file: pkgs.callPackage file { stdenv = pkgs.stdenv // { mkDerivation = a: pkgs.stdenv.mkDerivation (a // { benchmarkSalt = salt; }); }; };
  per = pkgs: { greet = salted pkgs $repo/samples/HelloNative/Greet/native/greet.nix; zlib = salted pkgs $repo/tests/nixpkgs/pkgs/zlib.nix; toolchain = pkgs.stdenv.cc; };
in builtins.mapAttrs (_: per) sets
NIX

"${nix_build[@]}" cross.toolchain emulated.toolchain >/dev/null 2>&1
printf '%s\n%-8s %10s %12s\n' "$system" library "cross s" "emulated s"
for lib in greet zlib; do
  for i in $(seq "$runs"); do
    salt="$(date +%s%N)"
    /usr/bin/time -f "%e" -o "$work/t" "${nix_build[@]}" --argstr salt "$salt" "cross.$lib" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    c=$(cat "$work/t")
    /usr/bin/time -f "%e" -o "$work/t" "${nix_build[@]}" --argstr salt "$salt" "emulated.$lib" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    e=$(cat "$work/t")
    printf '%-8s %10s %12s\n' "$lib" "$c" "$e"
  done
done
