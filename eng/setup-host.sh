#!/usr/bin/env bash
# Prepares a Debian/Ubuntu machine to build and test CrossSdk offline. Idempotent: run it on a
# brand-new machine or again on one where it already ran.
#
#   - Debian's Nix (nix-bin), QEMU user emulation with binfmt_misc, Debian's cross compilers,
#     the host's gcc, and the tools the tests run (readelf, file, script, tmux, sshd, runuser, ...)
#   - binfmt_misc mounted, and only the handlers the tests need enabled (aarch64, arm, riscv64)
#   - Nix's build users (group nixbld, users nixbld1..4) and a test user crosssdk-test
#   - Debian target roots for emulated builds under /var/cache/crosssdk/roots, and Debian source
#     packages under /var/cache/crosssdk/sources (a deb-src entry is added to apt if none is active)
#
# The .NET SDK is not installed here: it is a requirement (README), preinstalled where this runs.
# eng/fresh-machine-check.sh runs this script and the whole suite in a fresh Debian 12 root.
#
# The Nix settings for offline use are not written to /etc/nix: eng/nix-env.sh exports them
# (NIX_CONFIG) for the commands of ./build.sh only.
set -euo pipefail

packages=(
  ca-certificates
  nix-bin
  qemu-user-static
  binfmt-support
  gcc-aarch64-linux-gnu gcc-11-aarch64-linux-gnu libc6-dev-arm64-cross
  musl-tools
  gcc-riscv64-linux-gnu libc6-dev-riscv64-cross
  gcc-arm-linux-gnueabihf libc6-dev-armhf-cross
  gcc-i686-linux-gnu libc6-dev-i386-cross
  gcc make libc6-dev
  binutils
  file
  patchelf
  mmdebstrap
  arch-test
  bzip2
  # Not in a minimal Debian: mount(8), useradd, kill/ps. script (bsdutils) and runuser/su
  # (util-linux) are Essential and always there.
  mount passwd procps
  e2fsprogs   # chattr, for the tests of a folder root may not write
  tmux openssh-server openssh-client sudo
  time   # /usr/bin/time, for eng/benchmark*.sh
  unzip  # the CI template's pack step lists the .nupkg (GitHub's runners have it; a new Debian has not)
  # The build tools of the offline package set's helpers (cmake, autoreconfHook, pkg-config,
  # meson, ninja) for native and cross builds; the emulated roots have their own.
  cmake autoconf automake libtool pkgconf meson ninja-build
  # Windows targets: Debian's MinGW-w64 compilers (x86_64 and i686, msvcrt), the offline
  # package set's pkgsCross.mingwW64 and mingw32. Debian 12 has no aarch64 MinGW.
  gcc-mingw-w64-x86-64 g++-mingw-w64-x86-64 gcc-mingw-w64-i686 g++-mingw-w64-i686
  # Their headers and python3: eng/windows-api/generate.py makes the Windows API version table
  # (CROSS0108) from the headers, and a test checks the checked-in table against them.
  mingw-w64-x86-64-dev python3
  # Wine 8 runs win-x64 apps for `dotnet run -p:CrossTarget=win-x64` (wine64: /usr/lib/wine/wine64;
  # wine: the commands). No wine32: this kernel runs no i386 code (CROSS0105).
  wine64 wine
)
handlers=(qemu-aarch64 qemu-arm qemu-riscv64)

log() { printf 'setup-host: %s\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    log "need root for: $*"; exit 1; fi
}

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  log "packages present"
fi

if [ ! -e /proc/sys/fs/binfmt_misc/status ]; then
  log "mounting binfmt_misc"
  as_root mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc || log "could not mount binfmt_misc (a container without privileges?); emulation will be unavailable"
fi

if [ -e /proc/sys/fs/binfmt_misc/status ]; then
  for h in "${handlers[@]}"; do
    if [ "$(head -n1 "/proc/sys/fs/binfmt_misc/$h" 2>/dev/null)" != "enabled" ]; then
      log "enabling binfmt handler $h"
      as_root update-binfmts --enable "$h" || log "could not enable $h"
    fi
  done
fi

# Nix's build users, as a multi-user Nix installation has them (Debian's nix-bin creates none):
# the daemon tests start a nix-daemon that builds as nixbld1..4. And an unprivileged user with a
# home directory for those tests to build as. Nothing here changes an existing group or user.
if ! getent group nixbld >/dev/null; then
  log "creating the group nixbld"
  as_root groupadd -r nixbld
fi
for n in 1 2 3 4; do
  if ! getent passwd "nixbld$n" >/dev/null; then
    log "creating the build user nixbld$n"
    as_root useradd -r -g nixbld -G nixbld -M -d /var/empty -s /usr/sbin/nologin "nixbld$n"
  fi
done
if ! getent passwd crosssdk-test >/dev/null; then
  log "creating the test user crosssdk-test"
  as_root useradd -m -s /bin/bash crosssdk-test
fi

# A remote-builder account for the scale-out tests: Nix builders log in over ssh with a key only.
# sshd (UsePAM no) refuses a locked account ('!' in shadow, useradd's default), so its password
# field is '*': no password can match, the key is the only way in. The tests' own sshd forces the
# command this account runs (nix-store --serve against the test's nix-daemon). sshd also needs
# its privilege-separation folder, which the ssh service unit would make.
if ! getent passwd crosssdk-builder >/dev/null; then
  log "creating the remote-builder test user crosssdk-builder"
  as_root useradd -m -s /bin/sh -p '*' crosssdk-builder
fi
as_root mkdir -p /run/sshd

# The GitHub Actions workflow validator the CI-template test runs (@action-validator/cli from npm,
# pinned by eng/ci-validator/package-lock.json; `npm ci` installs exactly that). Node and npm
# from Debian when the machine has none.
if ! command -v npm >/dev/null; then
  log "installing nodejs npm (for the workflow validator)"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm >/dev/null
fi
validator_dir="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/ci-validator"
if [ ! -x "$validator_dir/node_modules/.bin/action-validator" ] \
   || [ "$validator_dir/package-lock.json" -nt "$validator_dir/node_modules/.package-lock.json" ]; then
  log "installing the workflow validator (npm ci in eng/ci-validator)"
  (cd "$validator_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi

# Target roots, made by mmdebstrap (maintainer scripts run under QEMU: a few minutes each) and
# kept between runs. A root is rebuilt only when its recipe changes.
#   - For emulated builds in the offline package set, each with the target's own compilers and the
#     build tools nixpkgs package files name (cmake, autoreconfHook, pkg-config, meson/ninja), and
#     ICU for .NET apps run under QEMU: Debian 12 (bookworm) for arm64 and armhf, and Debian 13
#     (trixie) for riscv64, which bookworm does not have.
#   - Debian 11 (bullseye) arm64, glibc 2.31: the older C library of tests/nixpkgs-bullseye (a
#     sysroot for the cross gcc) and an older userland to load its results in.
roots="${CROSSSDK_EMULATION_ROOTS:-/var/cache/crosssdk/roots}"
build_tools="gcc,g++,libc6-dev,make,busybox-static,cmake,autoconf,automake,libtool,pkgconf,meson,ninja-build"
for root_spec in \
    "bookworm arm64 $build_tools,libicu72" \
    "bookworm armhf $build_tools,libicu72" \
    "trixie riscv64 $build_tools,libicu76" \
    "bullseye arm64 libc6-dev,libstdc++6,zlib1g-dev,libicu67,busybox-static"; do
  read -r suite arch root_packages <<<"$root_spec"
  root="$roots/$suite-$arch"
  recipe="$suite $arch $root_packages"
  if [ "$(cat "$root/.crosssdk-recipe" 2>/dev/null)" != "$recipe" ]; then
    log "making the $arch target root in $root (mmdebstrap, a few minutes)"
    as_root rm -rf "$root.tmp"
    as_root mkdir -p "$roots"
    # Two tries: a mirror caught mid-update answers with size mismatches for a while.
    as_root mmdebstrap --quiet --arch="$arch" --variant=apt --include="$root_packages" "$suite" "$root.tmp" http://deb.debian.org/debian \
      || { log "mmdebstrap failed; trying once more in 20 s"; sleep 20; as_root rm -rf "$root.tmp";
           as_root mmdebstrap --quiet --arch="$arch" --variant=apt --include="$root_packages" "$suite" "$root.tmp" http://deb.debian.org/debian; }
    # Mount points for the emulated builder: the Nix store and its build folder appear here.
    as_root mkdir -p "$root.tmp/nix" "$root.tmp/build"
    echo "$recipe" | as_root tee "$root.tmp/.crosssdk-recipe" >/dev/null
    # Swapped in by two renames, so a test reading the old root never sees a half-deleted one.
    if [ -e "$root" ]; then as_root mv "$root" "$root.old"; fi
    as_root mv "$root.tmp" "$root"
    as_root rm -rf "$root.old"
  fi
done

# Real C libraries for the offline package set, from their Debian source packages (apt-get
# source): unpacked under CROSSSDK_SOURCES for tests/nixpkgs/pkgs/*.nix to build.
sources="${CROSSSDK_SOURCES:-/var/cache/crosssdk/sources}"
enable_deb_src() {
  if ! grep -rqsE "^deb-src|^Types:.*deb-src" /etc/apt/sources.list /etc/apt/sources.list.d/; then
    # bookworm whatever this machine runs: the offline set builds bookworm's sources (zlib 1.2.13, ...).
    printf 'Types: deb-src\nURIs: http://deb.debian.org/debian\nSuites: bookworm\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
      | as_root tee /etc/apt/sources.list.d/crosssdk-deb-src.sources >/dev/null
    as_root apt-get update -qq
  fi
}
if [ ! -f "$sources/zlib-1.2.13.dfsg/zlib.h" ]; then
  log "fetching zlib's Debian source package into $sources"
  enable_deb_src
  work="$(mktemp -d)"
  (cd "$work" && apt-get source --download-only -qq zlib=1:1.2.13.dfsg-1 >/dev/null 2>&1 || apt-get source --download-only -qq zlib >/dev/null)
  as_root mkdir -p "$sources"
  as_root tar -xjf "$work"/zlib_1.2.13*.orig.tar.bz2 -C "$sources"
  rm -rf "$work"
fi

# Real libraries of tests/real-libraries, from bookworm's source packages
# (only the upstream tarball: the package files build it as nixpkgs would, with no Debian patches):
# cJSON (CMake), libyaml (autotools from a git tree: no configure), libspng (Meson, zlib through
# pkg-config). One block per source: each is fetched only when missing.
for spec in "cjson 1.7.15 cJSON-1.7.15 cJSON.h" "libyaml 0.2.5 libyaml-0.2.5 include/yaml.h" "libspng 0.7.3 libspng-0.7.3 spng/spng.h"; do
  read -r package version folder marker <<<"$spec"
  if [ ! -f "$sources/$folder/$marker" ]; then
    log "fetching $package's Debian source package into $sources"
    enable_deb_src
    work="$(mktemp -d)"
    # (apt warns on stderr that root downloads unsandboxed into a private temp folder: expected.)
    (cd "$work" && apt-get source --download-only -qq "$package" >/dev/null 2>&1) \
      || { log "apt-get source $package failed: is a deb-src entry for bookworm reachable?"; exit 1; }
    as_root mkdir -p "$sources"
    as_root tar -xzf "$work/${package}_${version}.orig.tar.gz" -C "$sources"
    rm -rf "$work"
  fi
done

log "nix: $(nix --version)"
