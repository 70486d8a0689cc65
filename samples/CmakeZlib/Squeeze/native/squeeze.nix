# A CMake library in nixpkgs' own idiom: `cmake` in nativeBuildInputs runs its configure phase
# (a Release build in build/, with the target's compilers when cross), and zlib, a nixpkgs
# package, is found by CMake's find_package(ZLIB) for the platform the library is built for.
{ lib, stdenv, cmake, zlib }:

stdenv.mkDerivation {
  pname = "squeeze";
  version = "1.0.0";

  src = ./.;

  nativeBuildInputs = [ cmake ];
  buildInputs = [ zlib ];

  cmakeFlags = [ "-DSQUEEZE_LEVEL=9" ];

  meta = {
    description = "Tiny CMake library over zlib that the CmakeZlib sample calls through P/Invoke";
    license = lib.licenses.mit;
    platforms = lib.platforms.linux;
  };
}
