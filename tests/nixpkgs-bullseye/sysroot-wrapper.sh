# The cross compiler wrappers of ../nixpkgs, run with the bullseye root as sysroot: its crt
# files, libc and headers come before the cross gcc's own /usr/<multiarch> ones.
mkdir -p "$out/bin"
lib="$root/usr/lib/$multiarch"
flags="--sysroot=$root -B$lib/ -L$links/lib -L$lib -L$root/lib/$multiarch -isystem $root/usr/include/$multiarch -isystem $root/usr/include"
for tool in cc gcc c++ g++; do
  printf '#!/bin/bash\nexec %s %s "$@"\n' "$cc/bin/$targetPrefix$tool" "$flags" > "$out/bin/$targetPrefix$tool"
  chmod +x "$out/bin/$targetPrefix$tool"
done
for tool in ar as ld nm ranlib strip objcopy objdump readelf; do
  ln -s "$cc/bin/$targetPrefix$tool" "$out/bin/$targetPrefix$tool"
done
cp "$cc/target" "$cc/build-machine" "$out/"
