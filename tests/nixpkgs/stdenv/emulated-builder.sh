# Run by the target's busybox under QEMU. Enters the target root in a private mount namespace
# (nothing is mounted on the host), with the Nix store, the build folder, /dev and /proc
# visible inside, and runs the derivation's script with the root's own bash, in the build
# folder. The root itself is mounted read-only: builds share it and must not change it.
bb="$builder"
exec "$bb" unshare -m "$bb" sh -e -c '
  bb="$builder"
  root="$emulationRoot"
  "$bb" mount --make-rprivate /
  "$bb" mount --bind "$root" "$root"
  "$bb" mount -o remount,bind,ro "$root"
  "$bb" mount -t tmpfs tmpfs "$root/tmp"
  "$bb" mount --rbind /nix "$root/nix"
  "$bb" mount --rbind /dev "$root/dev"
  "$bb" mount -t proc proc "$root/proc"
  "$bb" mkdir -p "$root$NIX_BUILD_TOP"
  "$bb" mount --bind "$NIX_BUILD_TOP" "$root$NIX_BUILD_TOP"
  cd "$NIX_BUILD_TOP"
  exec "$bb" chroot "$root" /usr/bin/env PATH=/usr/bin:/bin /bin/bash -c "cd \"\$NIX_BUILD_TOP\" && exec /bin/bash -e \"\$setupScript\""
'
