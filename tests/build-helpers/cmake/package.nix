{ stdenv, cmake, zlib, src, crc }:
stdenv.mkDerivation {
  pname = "crc-cmake";
  version = "1.0";
  inherit src;
  postUnpack = "cp ${crc} crc.c";
  nativeBuildInputs = [ cmake ];
  buildInputs = [ zlib ];
  cmakeFlags = [ "-DCRC_GREETING=from-cmakeFlags" ];
}
