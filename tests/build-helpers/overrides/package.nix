# Every helper at once, each told to stay out of the way as nixpkgs lets a package: a phase the
# package sets is its own, a dontUse... flag turns a hook's phase off, autoreconfFlags and the
# pre/post hooks of autoreconfPhase apply. Each phase writes what ran into $out/phases.
{ stdenv, cmake, autoreconfHook, pkg-config, meson, ninja, src, crc }:
stdenv.mkDerivation {
  pname = "overrides";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${crc} crc.c";
  nativeBuildInputs = [ cmake autoreconfHook pkg-config meson ninja ];

  autoreconfFlags = "--version";
  preAutoreconf = "echo preAutoreconf >> $NIX_BUILD_TOP/phases";
  postAutoreconf = "echo postAutoreconf >> $NIX_BUILD_TOP/phases";
  # cmake's and meson's hooks would both claim configurePhase: the package's own wins.
  configurePhase = "echo own-configurePhase >> $NIX_BUILD_TOP/phases";
  # ninja's hook would claim buildPhase and installPhase.
  buildPhase = "echo own-buildPhase >> $NIX_BUILD_TOP/phases";
  dontUseNinjaInstall = true;
  postInstall = "cp $NIX_BUILD_TOP/phases $out/phases";
}
