#!/usr/bin/env bash
# CrossSdk's two commands:
#   ./build.sh sample   set up the host, pack CrossSdk, build the HelloNative sample for aarch64-linux
#                       and riscv64-linux, and for win-x64 and win-x86 (running the win-x64 app
#                       under Wine), publish it for linux-arm64 and run it under QEMU, and
#                       run its tests (Greet.Tests) on linux-arm64 under QEMU with dotnet test;
#                       the same build and run for the CMake sample (samples/CmakeZlib)
#   ./build.sh test     set up the host, build, and run the whole test suite (every test project)
#   ./build.sh test unit  build and run only the unit tests (tests/CrossSdk.UnitTests): seconds,
#                       no set-up, no root, no nix; only the .NET SDK
#   ./build.sh test integration  set up the host, build, and run only the integration tests
#                       (tests/CrossSdk.IntegrationTests): under a minute; real processes, no packed SDK
# and the parts they are made of: ./build.sh setup | pack | sample-cmake
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$repo"
# shellcheck source=eng/nix-env.sh
source eng/nix-env.sh
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
version="$(sed -n 's:.*<CrossSdkVersion[^>]*>\(.*\)</CrossSdkVersion>.*:\1:p' Directory.Build.props)"

say() { printf '\n==> %s\n' "$*"; }

setup() { bash eng/setup-host.sh; }

pack() {
  say "packing CrossSdk $version into artifacts/packages"
  dotnet pack sdk/CrossSdk.Sdk.csproj -c Release -nologo -v q -o artifacts/packages
  # NuGet caches an SDK by version: drop a stale copy of this version so the new pack is used.
  rm -rf "${NUGET_PACKAGES:-$HOME/.nuget/packages}/crosssdk/$version"
}

# The nixpkgs the sample builds with: <nixpkgs> when Nix finds one, else the offline package set.
sample_nixpkgs() {
  if nix-instantiate --find-file nixpkgs >/dev/null 2>&1; then
    echo ""
  else
    echo "$repo/tests/nixpkgs"
  fi
}

# Each native file in an app's build output, with the machine its ELF header names.
show_native_files() { # app folder
  local lib
  for lib in "$1"/bin/Debug/net10.0/runtimes/*/native/*; do
    # ELF files by readelf's machine; Windows DLLs (PE) by file(1)'s description.
    printf '  %-60s %s\n' "${lib#"$1"/}" "$(readelf -h "$lib" 2>/dev/null | sed -n 's/^ *Machine: *//p' | grep . || file -b "$lib" | cut -d, -f1)"
  done
}

sample() {
  setup
  pack
  local nixpkgs app=samples/HelloNative/HelloNative
  nixpkgs="$(sample_nixpkgs)"
  local args=(-nologo -nodeReuse:false)
  if [ -n "$nixpkgs" ]; then
    say "no <nixpkgs> on this machine: building with the offline package set (CrossNixpkgs=$nixpkgs)"
    args+=("-p:CrossNixpkgs=$nixpkgs")
  fi

  # MSBuild splits -p values on ',' unless they are quoted: hence the quotes.
  say "dotnet build '-p:CrossTargets=\"aarch64-linux,riscv64-linux\"'"
  dotnet build "$app" "${args[@]}" '-p:CrossTargets="aarch64-linux,riscv64-linux"'
  show_native_files "$app"

  say "dotnet build '-p:CrossTargets=\"win-x64,win-x86\"' (Windows DLLs, with nixpkgs' MinGW toolchains)"
  dotnet build "$app" "${args[@]}" '-p:CrossTargets="win-x64,win-x86"'
  show_native_files "$app"

  local run_args=()
  if [ -n "$nixpkgs" ]; then run_args+=("-p:CrossNixpkgs=$nixpkgs"); fi
  say "dotnet run -p:CrossTarget=win-x64 (the app self-contained for win-x64, run under Wine)"
  dotnet run --project "$app" "${run_args[@]}" -p:CrossTarget=win-x64 -- Wine

  say "dotnet publish -r linux-arm64 --self-contained"
  dotnet publish "$app" "${args[@]}" -r linux-arm64 --self-contained -o artifacts/sample/linux-arm64
  say "running the linux-arm64 app under QEMU"
  QEMU_LD_PREFIX=/usr/aarch64-linux-gnu qemu-aarch64-static artifacts/sample/linux-arm64/HelloNative

  say "dotnet publish samples/AotHello -r linux-arm64 -p:PublishAot=true (NativeAOT, C toolchain from Nix)"
  dotnet publish samples/AotHello "${args[@]}" -r linux-arm64 -o artifacts/sample/aot-linux-arm64
  say "running the NativeAOT linux-arm64 executable under QEMU"
  QEMU_LD_PREFIX=/usr/aarch64-linux-gnu qemu-aarch64-static artifacts/sample/aot-linux-arm64/AotHello

  # dotnet test (Microsoft.Testing.Platform mode, global.json) takes MSBuild properties, not -nologo.
  local test_args=()
  if [ -n "$nixpkgs" ]; then test_args+=("-p:CrossNixpkgs=$nixpkgs"); fi
  say "dotnet test samples/HelloNative/Greet.Tests -p:CrossTarget=aarch64-linux (the tests run on linux-arm64 under QEMU)"
  dotnet test samples/HelloNative/Greet.Tests "${test_args[@]}" -p:CrossTarget=aarch64-linux

  sample_cmake
}

# The CMake sample: a CMake library that needs zlib (samples/CmakeZlib/Squeeze/native), built for
# two targets, and its app published for linux-arm64 and run under QEMU.
sample_cmake() {
  local nixpkgs app=samples/CmakeZlib/SqueezeApp
  nixpkgs="$(sample_nixpkgs)"
  local args=(-nologo -nodeReuse:false)
  if [ -n "$nixpkgs" ]; then args+=("-p:CrossNixpkgs=$nixpkgs"); fi

  say "CMake sample: dotnet build samples/CmakeZlib '-p:CrossTargets=\"aarch64-linux,riscv64-linux\"'"
  dotnet build "$app" "${args[@]}" '-p:CrossTargets="aarch64-linux,riscv64-linux"'
  show_native_files "$app"

  say "CMake sample: dotnet publish -r linux-arm64 --self-contained, run under QEMU"
  dotnet publish "$app" "${args[@]}" -r linux-arm64 --self-contained -o artifacts/sample/cmake-linux-arm64
  QEMU_LD_PREFIX=/usr/aarch64-linux-gnu qemu-aarch64-static artifacts/sample/cmake-linux-arm64/SqueezeApp
}

test_all() {
  if [ "${1:-}" = unit ]; then
    shift
    test_unit "$@"
    return
  fi
  local layer=()
  if [ "${1:-}" = integration ]; then
    layer=(integration)
    shift
  fi
  setup
  say "building"
  dotnet build CrossSdk.sln -c Release -nologo -v q
  say "testing${layer[*]:+ (${layer[*]})}"
  bash eng/run-tests.sh "${layer[@]}" "$@"
}

# The inner loop: the tests that start no process. It must not call setup (apt, root, nix).
test_unit() {
  say "building the unit tests"
  dotnet build tests/CrossSdk.UnitTests -c Release -nologo -v q
  say "testing (unit)"
  bash eng/run-tests.sh unit "$@"
}

case "${1:-}" in
  setup) setup ;;
  pack) pack ;;
  sample) sample ;;
  sample-cmake) setup; pack; sample_cmake ;;
  test) shift; test_all "$@" ;;
  *) echo "usage: ./build.sh sample | test [unit|integration] | setup | pack | sample-cmake" >&2; exit 2 ;;
esac
