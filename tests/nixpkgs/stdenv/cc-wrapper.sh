# Builds stdenv.cc: wrappers named as nixpkgs names them, over Debian's compiler for the platform.
# Like nixpkgs' cc-wrapper they add NIX_CFLAGS_COMPILE and (when linking) NIX_LDFLAGS.
gcc="/usr/bin/${debianPrefix}gcc"
if [ ! -x "$gcc" ]; then
  echo "offline nixpkgs: $gcc is missing; run eng/setup-host.sh to install Debian's cross compilers" >&2
  exit 1
fi
mkdir -p "$out/bin"
for tool in cc gcc c++ g++; do
  case $tool in c++|g++) real="/usr/bin/${debianPrefix}g++" ;; *) real="$gcc" ;; esac
  cat > "$out/bin/${targetPrefix}$tool" <<WRAPPER
#!/bin/bash
link=1
for a in "\$@"; do case "\$a" in -c|-S|-E|-M|-MM) link= ;; esac; done
if [ -n "\$link" ]; then exec $real \$NIX_CFLAGS_COMPILE "\$@" \$NIX_LDFLAGS; fi
exec $real \$NIX_CFLAGS_COMPILE "\$@"
WRAPPER
  chmod +x "$out/bin/${targetPrefix}$tool"
done
for tool in ar as ld nm ranlib strip objcopy objdump readelf; do
  ln -s "/usr/bin/${debianPrefix}$tool" "$out/bin/${targetPrefix}$tool"
done
"$gcc" -dumpmachine > "$out/target"
