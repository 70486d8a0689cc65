# The target's C runtime as nixpkgs' stdenv.cc.libc and stdenv.cc.cc.lib give it (glibc,
# libgcc_s, libstdc++), offline: copied from the folder of Debian's cross libraries for that
# platform (/usr/aarch64-linux-gnu/lib, from libc6-arm64-cross and libstdc++6-arm64-cross), which
# holds all three. Built on this machine (only files are copied), whatever the strategy.
{ hostPlatform }:
let
  prefix = hostPlatform.debianPrefix or null;
  multiarch = if prefix == null then null else builtins.substring 0 (builtins.stringLength prefix - 1) prefix;
in
if multiarch == null then throw "offline nixpkgs: no Debian cross libraries serve ${hostPlatform.config} on this machine"
# musl (aarch64, armv7l): Debian's musl of that architecture, whose libc.so is also the loader
# (lib/ld-musl-<arch>.so.1 links to it). Debian's cross libgcc_s and libstdc++ are glibc's: none.
else if hostPlatform ? debianMusl then derivation {
  name = "debian-runtime-libs-${hostPlatform.config}";
  system = builtins.currentSystem;
  builder = "/bin/bash";
  args = [ "-e" ./build-support/command-builder.sh ];
  PATH = "/usr/bin:/bin";
  musl = import ./debian-musl.nix { inherit hostPlatform; };
  inherit (hostPlatform.debianMusl) multiarch;
  buildCommand = ''
    mkdir -p $out/lib
    cp "$musl/lib/$multiarch/libc.so" $out/lib/
    for loader in "$musl"/lib/ld-musl-*; do ln -s libc.so "$out/lib/''${loader##*/}"; done
  '';
}
# Windows: the MinGW runtime DLLs, in bin/ as nixpkgs keeps DLLs: libwinpthread-1.dll (mingw-w64's
# winpthreads) and gcc's own (of the win32 thread model, Debian's default alternative):
# libgcc_s_*.dll, libstdc++-6.dll, libssp-0.dll (-fstack-protector links it), libgomp, ...
else if hostPlatform.isWindows then derivation {
  name = "debian-mingw-runtime-dlls-${hostPlatform.config}";
  system = builtins.currentSystem;
  builder = "/bin/bash";
  PATH = "/usr/bin:/bin";
  inherit multiarch;
  # (a script file, not `bash -c`: build-support/command-builder.sh says why)
  args = [ "-e" ./build-support/command-builder.sh ];
  buildCommand = ''
    gccDir=$(echo /usr/lib/gcc/$multiarch/*-win32 | cut -d' ' -f1)
    if [ ! -d "$gccDir" ]; then echo "offline nixpkgs: /usr/lib/gcc/$multiarch has no win32 gcc; run eng/setup-host.sh" >&2; exit 1; fi
    mkdir -p $out/bin
    cp /usr/$multiarch/lib/libwinpthread-1.dll "$gccDir"/*.dll $out/bin/
  '';
}
else derivation {
  name = "debian-runtime-libs-${hostPlatform.config}";
  system = builtins.currentSystem;
  builder = "/bin/bash";
  # (a script file, not `bash -c`: build-support/command-builder.sh says why)
  args = [ "-e" ./build-support/command-builder.sh ];
  PATH = "/usr/bin:/bin";
  inherit multiarch;
  buildCommand = ''
    from=/usr/$multiarch/lib
    if [ ! -e "$from/libc.so.6" ]; then echo "offline nixpkgs: $from has no libc.so.6; run eng/setup-host.sh" >&2; exit 1; fi
    mkdir -p $out/lib
    cp -a "$from"/ld-* "$from"/*.so.* $out/lib/
  '';
}
