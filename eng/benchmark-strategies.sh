#!/usr/bin/env bash
# Cross vs emulated build time of the same C library for aarch64-linux, with the offline package
# set: the sample's libgreet (1 C file) and zlib 1.2.13 from Debian's source (15 C files, -O2).
# Each build is salted so that Nix really compiles; toolchains are built first and not timed.
# Usage: ./eng/benchmark-strategies.sh [runs]   (default 1)
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
runs="${1:-1}"
source "$repo/eng/nix-env.sh"
work="$repo/artifacts/benchmark-strategies"
mkdir -p "$work"
nixb() { nix --extra-experimental-features nix-command build --no-link --option extra-platforms "aarch64-linux" -f "$work/bench.nix" "$@"; }

cat > "$work/bench.nix" <<NIX
{ salt ? "" }:
let
  nixpkgs = $repo/tests/nixpkgs;
  host = import nixpkgs { localSystem = { system = "x86_64-linux"; }; };
  sets = { cross = host.pkgsCross.aarch64-multiplatform; emulated = import nixpkgs { localSystem = { system = "aarch64-linux"; }; }; };
  # The same package function, with an extra variable in the derivation: a new derivation to build.
  salted = pkgs: file: pkgs.callPackage file { stdenv = pkgs.stdenv // { mkDerivation = a: pkgs.stdenv.mkDerivation (a // { benchmarkSalt = salt; }); }; };
  per = pkgs: { greet = salted pkgs $repo/samples/HelloNative/Greet/native/greet.nix; zlib = salted pkgs $repo/tests/nixpkgs/pkgs/zlib.nix; toolchain = pkgs.stdenv.cc; };
in builtins.mapAttrs (_: per) sets
NIX

nixb cross.toolchain emulated.toolchain >/dev/null 2>&1
printf '%-8s %10s %12s\n' library "cross s" "emulated s"
for lib in greet zlib; do
  for i in $(seq "$runs"); do
    salt="$(date +%s%N)"
    /usr/bin/time -f "%e" -o "$work/t" nix --extra-experimental-features nix-command build --no-link --option extra-platforms aarch64-linux -f "$work/bench.nix" --argstr salt "$salt" "cross.$lib" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    c=$(cat "$work/t")
    /usr/bin/time -f "%e" -o "$work/t" nix --extra-experimental-features nix-command build --no-link --option extra-platforms aarch64-linux -f "$work/bench.nix" --argstr salt "$salt" "emulated.$lib" >/dev/null 2>"$work/err" || { cat "$work/err"; exit 1; }
    e=$(cat "$work/t")
    printf '%-8s %10s %12s\n' "$lib" "$c" "$e"
  done
done
