#!/usr/bin/env bash
# Proves that ./build.sh test and ./build.sh sample pass on a brand-new Debian 12 machine: makes a
# fresh bookworm root with mmdebstrap, clones this checkout's HEAD into it (committed files only,
# so untracked files cannot hide a missing step), and runs both commands inside it with chroot.
# The set-up inside installs every package itself and makes its own target roots in the root's
# own /var/cache. Takes many minutes (packages, three target roots, the whole suite).
#
#   sudo eng/fresh-machine-check.sh [--keep]
#
# Prints the last lines of the run (the whole log: artifacts/fresh-machine-check.log, or
# CROSSSDK_CHECK_LOG) and exits with the status of the first command that failed.
#
# What the fresh root gets from this machine, and why:
#   - the .NET SDK, bind-mounted read-only at the same path: the machines have .NET SDK 10
#     preinstalled (a README requirement; the set-up does not install it). A read-only mount
#     costs nothing, and proves that building never writes into the SDK. Its runtime libraries
#     (libicu72, libssl3) come with the root, as they come with an installed SDK.
#   - DOTNET_* and NUGET_* variables, /etc/resolv.conf and the local certificate authorities in
#     /usr/local/share/ca-certificates: the machine's own settings and its network's trust.
#   - binfmt_misc, read-only: it is global to the kernel, and the host's handlers (F flag) serve
#     the root as they serve any process. Read-only, so nothing in the root can add, enable or
#     disable a handler on this machine. For the same reason the root says it is a container
#     (Debian's qemu-user-static does not register handlers in one), and a policy-rc.d keeps
#     package scripts from starting services (there is no init in a chroot).
#
# Everything happens in a private mount namespace: the mounts vanish with it, and are also
# unmounted on exit. The work folder (under /var/tmp) is deleted unless --keep is given, only
# after no mount and no process is left in it. Nothing outside it is changed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf 'fresh-machine-check: %s\n' "$*"; }

# Everything runs from main, so that bash has read the whole file before it runs any of it
# (editing the script during a long run cannot change the run).
main() {
  # ---- inside the private mount namespace: mount, chroot, run, unmount --------------------------
  if [ "${1:-}" = "--inner" ]; then
    root="$2" dotnet_dir="$3"
    stop_root_processes() {
      local pids=() p
      for p in /proc/[0-9]*; do
        [ "$(readlink "$p/root" 2>/dev/null)" = "$root" ] && pids+=("${p#/proc/}")
      done
      [ ${#pids[@]} -eq 0 ] && return 0
      log "stopping processes left in the root: ${pids[*]}"
      kill -TERM "${pids[@]}" 2>/dev/null || true
      sleep 5
      kill -KILL "${pids[@]}" 2>/dev/null || true
    }
    cleanup() {
      stop_root_processes
      # Only mounts under the root, all made below; the namespace drops them anyway when it ends.
      umount -R "$root" 2>/dev/null || umount -R -l "$root" || true
    }
    trap cleanup EXIT
    trap 'exit 130' INT TERM HUP

    # The root is a mount point of its own: Nix's sandbox calls pivot_root, which needs one.
    mount --bind "$root" "$root"
    mount --bind /proc "$root/proc"       # not --rbind: the host's binfmt_misc mount comes read-only
    mount --bind /proc/sys/fs/binfmt_misc "$root/proc/sys/fs/binfmt_misc"
    mount -o remount,bind,ro "$root/proc/sys/fs/binfmt_misc"
    mount --rbind /sys "$root/sys"
    mount --rbind /dev "$root/dev"        # with /dev/pts and /dev/shm
    mkdir -p "$root$dotnet_dir"
    mount --bind "$dotnet_dir" "$root$dotnet_dir"
    mount -o remount,bind,ro "$root$dotnet_dir"

    # A clean environment, as a login on the new machine has it, plus the machine's .NET settings.
    env_args=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb USER=root LOGNAME=root)
    while IFS= read -r var; do env_args+=("$var"); done < <(env | grep -E '^(DOTNET_|NUGET_)' || true)

    status=0
    for command in "test" "sample"; do
      log "chroot: ./build.sh $command"
      start=$SECONDS
      chroot "$root" /usr/bin/env -i "${env_args[@]}" /bin/bash -c "cd /root/CrossSdk && ./build.sh $command" </dev/null \
        && rc=0 || rc=$?
      log "./build.sh $command exited with $rc after $(( SECONDS - start )) s"
      [ "$status" -eq 0 ] && status=$rc
    done
    chroot "$root" /usr/bin/env -i "${env_args[@]}" dotnet build-server shutdown >/dev/null 2>&1 || true
    exit "$status"
  fi

  # ---- outside: make the fresh root, run the inner part in a private mount namespace ------------
  keep=false
  [ "${1:-}" = "--keep" ] && keep=true
  [ "$(id -u)" -eq 0 ] || { log "run as root (mmdebstrap, mount and chroot need it)"; exit 2; }
  dotnet="$(command -v dotnet)" || { log "the .NET SDK is a requirement: no dotnet on PATH"; exit 2; }
  dotnet_dir="$(dirname "$(readlink -f "$dotnet")")"
  logfile="${CROSSSDK_CHECK_LOG:-$repo/artifacts/fresh-machine-check.log}"
  mkdir -p "$(dirname "$logfile")"
  : >"$logfile"

  work="$(mktemp -d /var/tmp/crosssdk-fresh-machine.XXXXXX)"
  root="$work/root"
  finish() {
    if grep -qF " $work" /proc/self/mountinfo; then
      log "mounts are still left under $work: not deleting it"
    elif pgrep_root "$root"; then
      log "processes are still running in $root: not deleting it"
    elif [ "$keep" = true ]; then
      log "kept $work"
    else
      rm -rf --one-file-system "$work"
    fi
}
pgrep_root() {
  local p
  for p in /proc/[0-9]*; do [ "$(readlink "$p/root" 2>/dev/null)" = "$1" ] && return 0; done
  return 1
}
trap finish EXIT
trap 'exit 130' INT TERM HUP

{
  log "making a fresh Debian 12 root in $root (mmdebstrap)"
  includes=ca-certificates,git,libicu72,libssl3
  mmdebstrap --quiet --variant=apt --include="$includes" bookworm "$root" \
    || { log "mmdebstrap failed; trying once more in 20 s"; sleep 20; rm -rf --one-file-system "$root";
         mmdebstrap --quiet --variant=apt --include="$includes" bookworm "$root"; }

  head="$(git -C "$repo" rev-parse HEAD)"
  [ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] \
    || log "note: uncommitted changes in $repo are not part of the check (it tests $head)"
  log "cloning $head into /root/CrossSdk"
  git clone --quiet --no-checkout "$repo" "$root/root/CrossSdk"
  git -C "$root/root/CrossSdk" checkout --quiet --detach "$head"

  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # Local certificate authorities: the network's trust (here an egress proxy's CA), which any
  # machine on this network has; without it NuGet's TLS fails with UntrustedRoot.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null
  fi
  ln -sf "$dotnet_dir/dotnet" "$root/usr/bin/dotnet"
  printf '#!/bin/sh\n# fresh-machine-check: no services start in this chroot\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod +x "$root/usr/sbin/policy-rc.d"
  printf '#!/bin/sh\n# fresh-machine-check: a chroot on a shared kernel, a container in the sense of\n# qemu-user-static'"'"'s postinst (it leaves binfmt_misc alone in one)\necho chroot\nexit 0\n' >"$root/usr/local/bin/systemd-detect-virt"
  chmod +x "$root/usr/local/bin/systemd-detect-virt"
} >>"$logfile" 2>&1 || { tail -n 30 "$logfile"; log "making the fresh root failed"; exit 1; }

log "running ./build.sh test and ./build.sh sample in a fresh Debian 12 root ($root); log: $logfile"
unshare --mount --propagation private -- "$(readlink -f "$0")" --inner "$root" "$dotnet_dir" >>"$logfile" 2>&1 && status=0 || status=$?
tail -n 40 "$logfile"
log "result: exit status $status"
exit "$status"
}
main "$@"
