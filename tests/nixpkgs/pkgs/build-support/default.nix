# nixpkgs' build helpers for package files: cmake, autoreconfHook, pkg-config, meson and ninja,
# with nixpkgs' attribute names, setup-hook variables and defaults.
#
# In nixpkgs a tool in nativeBuildInputs runs on the build platform and its setup hook knows the
# host platform (pkgsBuildHost): a cross build gets CMake's system name and compilers, configure's
# --build/--host, a target-prefixed pkg-config and a Meson cross file. Here the tools are
# Debian's, of the build platform: the machine's own for native and cross builds, the target
# root's (eng/setup-host.sh installs them there) for emulated ones. Only the setup hooks, which
# carry nixpkgs' semantics, are this package set's own.
{ lib, self, hostPlatform, isCross }:
let
  # The stdenv of the build platform: the tool derivations run where the tools run.
  buildStdenv = self.buildPackages.stdenv;
  targetPrefix = lib.optionalString isCross "${hostPlatform.config}-";

  # A Debian tool as a package: bin/ links to /usr/bin of the build platform and, like nixpkgs'
  # makeSetupHook, nix-support/setup-hook with @targetPrefix@ and @crossFile@ filled in.
  debianTool = { name, tools, debianPackages, setupHook ? null, crossFile ? "", wrappers ? "" }:
    buildStdenv.mkDerivation {
      inherit name setupHook crossFile targetPrefix wrappers debianPackages;
      toolNames = tools;
      buildCommand = builtins.readFile ./debian-tool.sh;
    };

  # Meson's name for the CPU family (its reference tables), as nixpkgs' meson package maps it.
  mesonCpuFamily = {
    aarch64 = "aarch64"; armv7l = "arm"; armv6l = "arm"; i686 = "x86"; x86_64 = "x86_64";
    riscv64 = "riscv64"; powerpc64le = "ppc64"; s390x = "s390x"; loongarch64 = "loongarch64";
  }.${hostPlatform.parsed.cpu.name} or (throw "offline nixpkgs: no Meson CPU family for ${hostPlatform.config}");

  # nixpkgs' cross file: the host machine only; the compilers come from CC, CXX, AR, STRIP,
  # WINDRES (a Windows host) and PKG_CONFIG, which Meson reads for the host machine of a cross
  # build. Meson's system name is the kernel's: 'linux', 'windows'.
  crossFile = builtins.toFile "cross-file.conf" ''
    [properties]
    needs_exe_wrapper = true

    [host_machine]
    system = '${hostPlatform.parsed.kernel.name}'
    cpu_family = '${mesonCpuFamily}'
    cpu = '${hostPlatform.parsed.cpu.name}'
    endian = 'little'
  '';
in
{
  cmake = debianTool {
    name = "cmake-debian";
    tools = [ "cmake" "ctest" "cpack" ];
    debianPackages = "cmake";
    setupHook = ./cmake-setup-hook.sh;
  };

  # nixpkgs' autoreconfHook brings autoconf, automake, libtool (and their m4 files) along.
  autoreconfHook = debianTool {
    name = "autoreconf-hook";
    tools = [ "autoreconf" "autoconf" "autoheader" "autom4te" "automake" "aclocal" "libtoolize" ];
    debianPackages = "autoconf automake libtool";
    setupHook = ./autoreconf-setup-hook.sh;
  };

  # nixpkgs' pkg-config is a wrapper named for the host platform (aarch64-unknown-linux-gnu-pkg-config
  # in a cross build), which finds the .pc files of the host platform's buildInputs only.
  pkg-config = debianTool {
    name = "${targetPrefix}pkg-config-wrapper";
    tools = [ ];
    debianPackages = "pkgconf";
    setupHook = ./pkg-config-setup-hook.sh;
    wrappers = ./pkg-config-wrapper.sh;
  };

  meson = debianTool {
    name = "meson-debian";
    tools = [ "meson" ];
    debianPackages = "meson";
    setupHook = ./meson-setup-hook.sh;
    crossFile = lib.optionalString isCross crossFile;
  };

  ninja = debianTool {
    name = "ninja-debian";
    tools = [ "ninja" ];
    debianPackages = "ninja-build";
    setupHook = ./ninja-setup-hook.sh;
  };
}
