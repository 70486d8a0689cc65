# stdenv for one (build, host) pair: a C compiler and mkDerivation with the generic phases.
#
# Three kinds, as nixpkgs has them:
#   native   build = host = this machine: Debian's own gcc
#   cross    build = this machine, host = another platform: Debian's cross gcc (pkgsCross)
#   emulated build = host = a system this machine runs only under QEMU (import nixpkgs
#            { localSystem = "aarch64-linux"; }): derivations have that `system` and a builder
#            of that architecture, so Nix runs them through binfmt_misc, and they compile with
#            the target's own gcc from a Debian root of that architecture (./emulated.nix).
{ lib, buildPlatform, hostPlatform, isCross, ccOverride ? null }:
let
  # Systems this machine runs without emulation (i686 on x86_64) build natively, with Debian's
  # compiler for that system; any other foreign system is emulated.
  runsDirectly = builtins.currentSystem == "x86_64-linux" && buildPlatform.system == "i686-linux";
  emulated = buildPlatform.system != builtins.currentSystem && !runsDirectly;
  runner = if emulated then import ./emulated.nix { inherit lib; platform = buildPlatform; } else null;

  # nixpkgs names cross tools by the host config ("aarch64-unknown-linux-gnu-gcc"); native tools
  # have no prefix.
  targetPrefix = lib.optionalString isCross "${hostPlatform.config}-";

  debianPrefix =
    if hostPlatform.debianPrefix != null then hostPlatform.debianPrefix
    else if hostPlatform.isWindows
    then throw "offline nixpkgs: no MinGW toolchain serves ${hostPlatform.config} with libc ${hostPlatform.libc} on this machine (Debian's MinGW-w64 compilers are x86_64 and i686 and link msvcrt only; Debian 12 has no aarch64 MinGW)"
    else throw "offline nixpkgs: no Debian cross compiler serves ${hostPlatform.config} on this machine";

  # Windows tools beside the compiler (nixpkgs' MinGW bintools have them): the resource compiler
  # and the import-library tool.
  windowsTools = lib.optionals hostPlatform.isWindows [ "windres" "dlltool" ];

  # How a derivation of this stdenv runs its script: directly with the machine's bash, or
  # inside the target root under QEMU.
  runScript = script:
    if emulated then runner.attrs script
    else { system = buildPlatform.system; builder = "/bin/bash"; args = [ "-e" script ]; };

  # The major version of the gcc Debian installs as plain `gcc`: Debian 12's, or in an emulated
  # build the root's (Debian 13's for riscv64).
  defaultGcc = if emulated then runner.gccVersion else 12;

  # A gcc of a given major version, wrapped as nixpkgs wraps compilers. Debian ships other
  # versions beside the default under a -<version> suffix (gcc-11-aarch64-linux-gnu).
  mkCC = version:
    let suffix = lib.optionalString (version != defaultGcc) "-${toString version}"; in
    derivation ({
      name = "${targetPrefix}gcc-wrapper-${toString version}";
      inherit targetPrefix;
      realGcc =
        if emulated then "/usr/bin/gcc${suffix}"
        else if hostPlatform ? debianGcc && version == defaultGcc then hostPlatform.debianGcc
        else "/usr/bin/${debianPrefix}gcc${suffix}";
      # Native builds use the platform's Debian compiler too (for i686: i686-linux-gnu-gcc).
      realPrefix = if emulated then "/usr/bin/" else "/usr/bin/${debianPrefix}";
      extraTools = windowsTools;
      PATH = "/usr/bin:/bin";
    } // muslRoot // (if march == null then runScript ./cc-wrapper.sh else { inherit march; baseWrapper = ./cc-wrapper.sh; } // runScript ./cc-wrapper-march.sh)) // {
      inherit targetPrefix; isGNU = true; version = toString version;
      # The C runtime the compiled code runs with (nixpkgs: cc.libc, and gcc's lib output for
      # libgcc_s and libstdc++); here one folder of Debian's cross libraries holds all three.
      libc = runtimeLibs;
      cc = { lib = runtimeLibs; };
    };

  # nixpkgs' cc-wrapper adds -march=<hostPlatform.gcc.arch> when the platform names one.
  march = hostPlatform.gcc.arch or null;

  runtimeLibs = import ../pkgs/runtime-libs.nix { inherit hostPlatform; };

  # A musl target other than x86_64 (which has Debian's musl-gcc), cross or emulated (pkgsMusl):
  # Debian's musl of that architecture (../pkgs/debian-musl.nix), whose specs file the wrappers
  # use; an emulated build reaches it in the store, which the root sees.
  muslRoot = lib.optionalAttrs (hostPlatform ? debianMusl) {
    muslRoot = import ../pkgs/debian-musl.nix { inherit hostPlatform; };
    muslMultiarch = hostPlatform.debianMusl.multiarch;
  };
  # As nixpkgs' stdenv for a Windows host: the win-dll-link setup hook in every derivation, which
  # links the DLLs of buildInputs into bin/ beside the files that import them.
  winDllLink = derivation ({ name = "win-dll-link-hook"; hook = ./win-dll-link.sh; } // runScript ./win-dll-link-builder.sh);

  cc = if ccOverride != null then ccOverride else mkCC defaultGcc;

  stdenv = {
    inherit cc hostPlatform buildPlatform isCross mkCC defaultGcc;
    isEmulated = emulated;
    targetPlatform = hostPlatform;
    shell = "/bin/bash";

    mkDerivation = args:
      let
        pname = args.pname or null;
        version = args.version or null;
        # nixpkgs puts the host config into the names of cross-built derivations.
        name =
          if isCross && pname != null
          then "${pname}-${hostPlatform.config}${lib.optionalString (version != null) "-${version}"}"
          else args.name or "${pname}-${version}";
        passthru = args.passthru or { };
        # nixpkgs puts a dependency's dev output (headers) beside it; so does this.
        withDev = inputs: builtins.concatMap (p: [ p ] ++ lib.optional (p ? dev) p.dev) inputs;
        # As nixpkgs' make-derivation.nix: a cross build tells CMake the host platform through
        # cmakeFlags (the cmake setup hook adds the compilers, ar, ranlib and strip).
        cmakeFlags = lib.optionalAttrs (isCross || args ? cmakeFlags) {
          cmakeFlags = lib.optionals isCross [
            "-DCMAKE_SYSTEM_NAME=${hostPlatform.uname.system}"
            "-DCMAKE_SYSTEM_PROCESSOR=${hostPlatform.uname.processor}"
            "-DCMAKE_HOST_SYSTEM_NAME=${buildPlatform.uname.system}"
            "-DCMAKE_HOST_SYSTEM_PROCESSOR=${buildPlatform.uname.processor}"
          ] ++ args.cmakeFlags or [ ];
        };
        drv = derivation (builtins.removeAttrs args [ "meta" "passthru" "name" ] // cmakeFlags // {
          buildInputs = withDev (args.buildInputs or [ ]);
          nativeBuildInputs = withDev (args.nativeBuildInputs or [ ]) ++ lib.optional hostPlatform.isWindows winDllLink;
          inherit name cc;
          hostConfig = hostPlatform.config;
          buildConfig = buildPlatform.config;
          crossBuild = isCross;
          CC = "${targetPrefix}cc";
          CXX = "${targetPrefix}c++";
          AR = "${targetPrefix}ar";
          LD = "${targetPrefix}ld";
          NM = "${targetPrefix}nm";
          RANLIB = "${targetPrefix}ranlib";
          STRIP = "${targetPrefix}strip";
          OBJCOPY = "${targetPrefix}objcopy";
          READELF = "${targetPrefix}readelf";
          hostIsWindows = hostPlatform.isWindows;
        } // lib.optionalAttrs hostPlatform.isWindows {
          # As nixpkgs' MinGW stdenv: the resource compiler and dlltool, which CMake, Meson and
          # libtool look for under these names.
          WINDRES = "${targetPrefix}windres";
          RC = "${targetPrefix}windres";
          DLLTOOL = "${targetPrefix}dlltool";
          OBJDUMP = "${targetPrefix}objdump";
        } // runScript ./setup.sh);
        # nixpkgs' check-meta refuses a package whose meta.platforms leaves out the host platform
        # (unless config.allowUnsupportedSystem); here for Windows hosts, where a Linux-only package
        # file is the usual mistake.
        supported = !(hostPlatform.isWindows && args ? meta.platforms) || builtins.elem hostPlatform.system args.meta.platforms;
        refused = throw "Package ‘${name}’ in ${builtins.toString (builtins.unsafeGetAttrPos "pname" args).file or "?"} is not available on the requested hostPlatform:\n  hostPlatform.system = \"${hostPlatform.system}\"\n  package.meta.platforms = ${builtins.toJSON args.meta.platforms}\n(offline nixpkgs, as nixpkgs' check-meta)";
      in
      if !supported then refused else
      drv // passthru // { meta = args.meta or { }; inherit passthru; };
  };
in
stdenv
