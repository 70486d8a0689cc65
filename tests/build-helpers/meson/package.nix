{ stdenv, meson, ninja, pkg-config, zlib, src, crc }:
stdenv.mkDerivation {
  pname = "crc-meson";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${crc} crc.c";
  nativeBuildInputs = [ meson ninja pkg-config ];
  buildInputs = [ zlib ];
  mesonFlags = [ "-Dgreeting=from-mesonFlags" ];
}
