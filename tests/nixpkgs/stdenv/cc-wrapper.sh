# Builds stdenv.cc: wrappers named as nixpkgs names them, over the real gcc for the platform
# (Debian's cross gcc, or inside an emulated root the target's own gcc). Like nixpkgs'
# cc-wrapper they add NIX_CFLAGS_COMPILE and (when linking) NIX_LDFLAGS.
if [ ! -x "$realGcc" ]; then
  echo "offline nixpkgs: $realGcc is missing; run eng/setup-host.sh to install the compilers" >&2
  exit 1
fi
mkdir -p "$out/bin"
# A musl target other than x86_64: Debian's cross gcc with the specs file of Debian's musl-gcc
# (musl-dev), its folders moved into the copy of Debian's musl in the store. The folder of libc.so
# comes before that of libc.a, else -lc would link musl statically (the loader keeps /lib/...).
specs=
# shellcheck disable=SC2154 # muslRoot, muslMultiarch: set for musl targets only
if [ -n "${muslRoot:-}" ]; then
  specs="-specs $out/musl-gcc.specs"
  sed -e "s| /usr/| $muslRoot/usr/|g" \
      -e "s|-L/usr/lib/$muslMultiarch|-L$muslRoot/lib/$muslMultiarch -L$muslRoot/usr/lib/$muslMultiarch|" \
      "$muslRoot/usr/lib/$muslMultiarch/musl-gcc.specs" > "$out/musl-gcc.specs"
fi
for tool in cc gcc c++ g++; do
  case $tool in c++|g++) real="${realPrefix}g++" ;; *) real="$realGcc" ;; esac
  cat > "$out/bin/${targetPrefix}$tool" <<WRAPPER
#!/bin/bash
link=1
for a in "\$@"; do case "\$a" in -c|-S|-E|-M|-MM) link= ;; esac; done
if [ -n "\$link" ]; then exec $real $specs \$NIX_CFLAGS_COMPILE "\$@" \$NIX_LDFLAGS; fi
exec $real $specs \$NIX_CFLAGS_COMPILE "\$@"
WRAPPER
  chmod +x "$out/bin/${targetPrefix}$tool"
done
# shellcheck disable=SC2154 # extraTools: windres and dlltool for a Windows host
for tool in ar as ld nm ranlib strip objcopy objdump readelf $extraTools; do
  ln -s "${realPrefix}$tool" "$out/bin/${targetPrefix}$tool"
done
# What the compiler builds for, asked of the compiler itself (under QEMU when emulated).
"$realGcc" -dumpmachine > "$out/target"
uname -m > "$out/build-machine"
