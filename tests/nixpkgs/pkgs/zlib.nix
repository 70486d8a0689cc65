# zlib as nixpkgs builds it (pkgs/development/libraries/zlib), from Debian's source package,
# which eng/setup-host.sh unpacks under CROSSSDK_SOURCES (apt-get source zlib).
{ lib, stdenv, debianSource }:

stdenv.mkDerivation ({
  pname = "zlib";
  version = "1.2.13";

  src = debianSource "zlib-1.2.13.dfsg";

  outputs = [ "out" "dev" ];

  # zlib's configure is not autoconf: no --build/--host; it reads CHOST for cross builds.
  configurePlatforms = [ ];
  preConfigure = lib.optionalString stdenv.isCross ''
    export CHOST=${stdenv.hostPlatform.config}
  '';

  # Windows: nixpkgs runs `make -f win32/Makefile.gcc SHARED_MODE=1` (zlib1.dll in bin/, the
  # import library libz.dll.a and libz.a in lib/). Debian's source has no win32/ folder (its
  # configure makes a .so-named DLL for MinGW, and its CMake build wants win32/zlib1.rc), so
  # these phases do what that makefile does, without the version resource.
  dontConfigure = stdenv.hostPlatform.isWindows;
} // lib.optionalAttrs stdenv.hostPlatform.isWindows {
  buildPhase = ''
    runHook preBuild
    objects=""
    for source in adler32 compress crc32 deflate gzclose gzlib gzread gzwrite infback inffast inflate inftrees trees uncompr zutil; do
      $CC -O3 -Wall -c -o "$source.o" "$source.c"
      objects="$objects $source.o"
    done
    $AR rcs libz.a $objects
    $CC -shared -o zlib1.dll -Wl,--out-implib,libz.dll.a $objects
    runHook postBuild
  '';
  installPhase = ''
    runHook preInstall
    mkdir -p "$out/bin" "$out/lib/pkgconfig" "$out/include"
    cp zlib1.dll "$out/bin/"
    cp libz.dll.a libz.a "$out/lib/"
    cp zlib.h zconf.h "$out/include/"
    sed -e "s|@prefix@|$out|" -e "s|@exec_prefix@|$out|" -e "s|@libdir@|$out/lib|" -e "s|@sharedlibdir@|$out/lib|" \
      -e "s|@includedir@|$dev/include|" -e "s|@VERSION@|1.2.13|" zlib.pc.in > "$out/lib/pkgconfig/zlib.pc"
    runHook postInstall
  '';
} // {

  # The headers and pkg-config file go to dev, the libraries stay in out.
  postInstall = ''
    mkdir -p "$dev"
    mv "$out/include" "$dev/include"
    mkdir -p "$dev/lib"
    mv "$out/lib/pkgconfig" "$dev/lib/pkgconfig"
  '';

  meta = {
    description = "Lossless data-compression library";
    license = lib.licenses.zlib;
    platforms = lib.platforms.all;
  };
})
