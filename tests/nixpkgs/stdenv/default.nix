# stdenv for one (build, host) pair: a C compiler wrapper and mkDerivation with the generic phases.
{ lib, buildPlatform, hostPlatform, isCross }:
let
  # nixpkgs names cross tools by the host config ("aarch64-unknown-linux-gnu-gcc"); native tools
  # have no prefix.
  targetPrefix = lib.optionalString isCross "${hostPlatform.config}-";

  debianPrefix =
    if hostPlatform.debianPrefix == null
    then throw "offline nixpkgs: no Debian cross compiler serves ${hostPlatform.config} on this machine"
    else hostPlatform.debianPrefix;

  cc = derivation {
    name = "${targetPrefix}gcc-wrapper-12";
    system = buildPlatform.system;
    builder = "/bin/bash";
    args = [ "-e" ./cc-wrapper.sh ];
    inherit targetPrefix debianPrefix;
    PATH = "/usr/bin:/bin";
  } // { inherit targetPrefix; isGNU = true; };

  stdenv = {
    inherit cc hostPlatform buildPlatform isCross;
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
        drv = derivation (builtins.removeAttrs args [ "meta" "passthru" "name" ] // {
          inherit name cc;
          system = buildPlatform.system;
          builder = "/bin/bash";
          args = [ "-e" ./setup.sh ];
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
        });
      in
      drv // passthru // { meta = args.meta or { }; inherit passthru; };
  };
in
stdenv
