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
    "aarch64-unknown-linux-musl" = { system = "aarch64-linux"; libc = "musl"; debianPrefix = null; };
    "armv7l-unknown-linux-gnueabihf" = { system = "armv7l-linux"; libc = "glibc"; debianPrefix = "arm-linux-gnueabihf-"; };
    "armv6l-unknown-linux-gnueabihf" = { system = "armv6l-linux"; libc = "glibc"; debianPrefix = null; };
    "riscv64-unknown-linux-gnu" = { system = "riscv64-linux"; libc = "glibc"; debianPrefix = "riscv64-linux-gnu-"; };
    "powerpc64le-unknown-linux-gnu" = { system = "powerpc64le-linux"; libc = "glibc"; debianPrefix = "powerpc64le-linux-gnu-"; };
    "s390x-unknown-linux-gnu" = { system = "s390x-linux"; libc = "glibc"; debianPrefix = "s390x-linux-gnu-"; };
    "loongarch64-unknown-linux-gnu" = { system = "loongarch64-linux"; libc = "glibc"; debianPrefix = null; };
    "aarch64_be-unknown-linux-gnu" = { system = "aarch64_be-linux"; libc = "glibc"; debianPrefix = null; };
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
      s = if builtins.isString spec then { system = spec; } else spec;
      config =
        if s ? config then s.config
        else systemToConfig.${s.system} or (throw "offline nixpkgs: unknown system '${s.system}'");
      info = known.${config} or (throw "offline nixpkgs: unknown platform config '${config}'");
      cpu = builtins.head (builtins.split "-" config);
    in
    s // info // {
      inherit config;
      parsed.cpu.name = cpu;
      isLinux = true;
      isx86_64 = cpu == "x86_64";
      isAarch64 = cpu == "aarch64";
      isRiscV64 = cpu == "riscv64";
      isAarch32 = lib.hasPrefix "arm" cpu;
      isMusl = info.libc == "musl";
      isGnu = info.libc == "glibc";
      is64bit = builtins.elem cpu [ "x86_64" "aarch64" "riscv64" "powerpc64le" "s390x" "loongarch64" ];
      extensions = { sharedLibrary = ".so"; executable = ""; };
      # What uname(2) says on the platform, as nixpkgs has it (CMake's system name and processor).
      uname = { system = "Linux"; processor = cpu; release = null; };
      isLittleEndian = true;
    };

  # The pkgsCross names of nixpkgs' lib/systems/examples.nix for the Linux targets.
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
  };
}
