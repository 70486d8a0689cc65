# lib.systems: platform descriptions, as nixpkgs' lib.systems.elaborate and lib.systems.examples.
{ lib }:
let
  # config triple -> Nix system, libc and the Debian cross-compiler prefix that serves it here.
  known = {
    "x86_64-unknown-linux-gnu" = { system = "x86_64-linux"; libc = "glibc"; debianPrefix = "x86_64-linux-gnu-"; };
    # Debian's musl-tools: musl-gcc (a specs wrapper over the host gcc) and the host's binutils.
    "x86_64-unknown-linux-musl" = { system = "x86_64-linux"; libc = "musl"; debianPrefix = "x86_64-linux-gnu-"; debianGcc = "/usr/bin/musl-gcc"; };
    "i686-unknown-linux-gnu" = { system = "i686-linux"; libc = "glibc"; debianPrefix = "i686-linux-gnu-"; };
    "aarch64-unknown-linux-gnu" = { system = "aarch64-linux"; libc = "glibc"; debianPrefix = "aarch64-linux-gnu-"; };
    # Debian's cross gcc over Debian 12's musl of that architecture (musl and musl-dev:arm64 /
    # :armhf, unpacked by eng/setup-host.sh), with the specs file Debian's musl-gcc uses
    # (stdenv/cc-wrapper.sh). nixpkgs has no pkgsCross example for armv7l musl: crossSystem =
    # { config = "armv7l-unknown-linux-musleabihf"; } names it.
    "aarch64-unknown-linux-musl" = { system = "aarch64-linux"; libc = "musl"; debianPrefix = "aarch64-linux-gnu-"; debianMusl = { debianArch = "arm64"; multiarch = "aarch64-linux-musl"; }; };
    "armv7l-unknown-linux-gnueabihf" = { system = "armv7l-linux"; libc = "glibc"; debianPrefix = "arm-linux-gnueabihf-"; };
    "armv7l-unknown-linux-musleabihf" = { system = "armv7l-linux"; libc = "musl"; debianPrefix = "arm-linux-gnueabihf-"; debianMusl = { debianArch = "armhf"; multiarch = "arm-linux-musleabihf"; }; };
    "armv6l-unknown-linux-gnueabihf" = { system = "armv6l-linux"; libc = "glibc"; debianPrefix = null; };
    "riscv64-unknown-linux-gnu" = { system = "riscv64-linux"; libc = "glibc"; debianPrefix = "riscv64-linux-gnu-"; };
    "powerpc64le-unknown-linux-gnu" = { system = "powerpc64le-linux"; libc = "glibc"; debianPrefix = "powerpc64le-linux-gnu-"; };
    "s390x-unknown-linux-gnu" = { system = "s390x-linux"; libc = "glibc"; debianPrefix = "s390x-linux-gnu-"; };
    "loongarch64-unknown-linux-gnu" = { system = "loongarch64-linux"; libc = "glibc"; debianPrefix = null; };
    "aarch64_be-unknown-linux-gnu" = { system = "aarch64_be-linux"; libc = "glibc"; debianPrefix = null; };
    # Windows: Debian's MinGW-w64 compilers link msvcrt only (gcc-mingw-w64-x86-64, -i686); Debian 12
    # has no aarch64 MinGW, and nothing here links the UCRT (ucrt64, ucrtAarch64).
    "x86_64-w64-mingw32" = { system = "x86_64-windows"; libc = "msvcrt"; debianPrefix = "x86_64-w64-mingw32-"; };
    # Debian's i686 MinGW gcc targets pentiumpro (no SSE2), where GCC 12 cannot compile code
    # using <immintrin.h>'s SSE2 intrinsics (libspng 0.7.3: "'_Float16' is not supported on this
    # target"; its meson.build means to add -msse2 on x86 but tests host_machine.system()).
    # Every CPU that runs win-x86 .NET has SSE2 (.NET's x86 JIT requires it): pentium4, as a
    # platform's gcc.arch, which the cc-wrapper passes as -march as nixpkgs' does.
    "i686-w64-mingw32" = { system = "i686-windows"; libc = "msvcrt"; debianPrefix = "i686-w64-mingw32-"; gcc = { arch = "pentium4"; }; };
    "aarch64-w64-mingw32" = { system = "aarch64-windows"; libc = "ucrt"; debianPrefix = null; };
  };
  systemToConfig = {
    "x86_64-linux" = "x86_64-unknown-linux-gnu";
    "i686-linux" = "i686-unknown-linux-gnu";
    "aarch64-linux" = "aarch64-unknown-linux-gnu";
    "armv7l-linux" = "armv7l-unknown-linux-gnueabihf";
    "armv6l-linux" = "armv6l-unknown-linux-gnueabihf";
    "riscv64-linux" = "riscv64-unknown-linux-gnu";
    "powerpc64le-linux" = "powerpc64le-unknown-linux-gnu";
    "s390x-linux" = "s390x-unknown-linux-gnu";
    "loongarch64-linux" = "loongarch64-unknown-linux-gnu";
  };
in
rec {
  # Accepts what nixpkgs accepts: "aarch64-linux", { system = ...; } or { config = ...; }.
  elaborate = spec:
    let
      is64bit = builtins.elem (builtins.head (builtins.split "-" config)) [ "x86_64" "aarch64" "riscv64" "powerpc64le" "s390x" "loongarch64" ];
      s = if builtins.isString spec then { system = spec; } else spec;
      config =
        if s ? config then s.config
        else systemToConfig.${s.system} or (throw "offline nixpkgs: unknown system '${s.system}'");
      row = known.${config} or (throw "offline nixpkgs: unknown platform config '${config}'");
      # As in nixpkgs, the spec's libc wins (ucrt64 is x86_64-w64-mingw32 with libc = "ucrt"); a
      # Debian compiler serves only the C library it was built for.
      libc = s.libc or row.libc;
      info = row // { inherit libc; debianPrefix = if libc == row.libc then row.debianPrefix else null; };
      cpu = builtins.head (builtins.split "-" config);
      kernel = builtins.elemAt (builtins.split "-" info.system) 2;
      isWindows = kernel == "windows";
    in
    s // info // {
      inherit config isWindows;
      parsed.cpu.name = cpu;
      parsed.cpu.bits = if is64bit then 64 else 32;
      parsed.kernel.name = kernel;
      isLinux = kernel == "linux";
      isMinGW = isWindows;
      isUnix = !isWindows;
      isx86_32 = cpu == "i686";
      isx86 = cpu == "i686" || cpu == "x86_64";
      isx86_64 = cpu == "x86_64";
      isAarch64 = cpu == "aarch64";
      isRiscV64 = cpu == "riscv64";
      isAarch32 = lib.hasPrefix "arm" cpu;
      isMusl = info.libc == "musl";
      isGnu = info.libc == "glibc";
      inherit is64bit;
      # nixpkgs' lib.systems.elaborate: Windows names its files .dll, .lib and .exe.
      extensions =
        if isWindows
        then { sharedLibrary = ".dll"; staticLibrary = ".lib"; library = ".dll"; executable = ".exe"; }
        else { sharedLibrary = ".so"; staticLibrary = ".a"; library = ".so"; executable = ""; };
      # What uname(2) says on the platform, as nixpkgs has it (CMake's system name and processor).
      uname = { system = if isWindows then "Windows" else "Linux"; processor = cpu; release = null; };
      isLittleEndian = true;
    };

  # The pkgsCross names of nixpkgs' lib/systems/examples.nix for CrossSdk's targets.
  examples = {
    gnu64 = { config = "x86_64-unknown-linux-gnu"; };
    musl64 = { config = "x86_64-unknown-linux-musl"; };
    gnu32 = { config = "i686-unknown-linux-gnu"; };
    aarch64-multiplatform = { config = "aarch64-unknown-linux-gnu"; };
    aarch64-multiplatform-musl = { config = "aarch64-unknown-linux-musl"; };
    armv7l-hf-multiplatform = { config = "armv7l-unknown-linux-gnueabihf"; };
    raspberryPi = { config = "armv6l-unknown-linux-gnueabihf"; };
    riscv64 = { config = "riscv64-unknown-linux-gnu"; };
    powernv = { config = "powerpc64le-unknown-linux-gnu"; };
    s390x = { config = "s390x-unknown-linux-gnu"; };
    loongarch64-linux = { config = "loongarch64-unknown-linux-gnu"; };
    # Windows, as nixpkgs has them (MinGW-w64; libc "msvcrt" is the classic runtime).
    mingw32 = { config = "i686-w64-mingw32"; libc = "msvcrt"; };
    mingwW64 = { config = "x86_64-w64-mingw32"; libc = "msvcrt"; };
    ucrt64 = { config = "x86_64-w64-mingw32"; libc = "ucrt"; };
    ucrtAarch64 = { config = "aarch64-w64-mingw32"; libc = "ucrt"; useLLVM = true; };
  };
}
