#!/usr/bin/env bash
# Proves that ./build.sh test and ./build.sh sample pass on a brand-new Debian 12 machine: makes a
# fresh bookworm root with mmdebstrap, clones this checkout's HEAD into it (committed files only,
# so untracked files cannot hide a missing step), and runs both commands inside it. The set-up
# inside installs every package itself and makes its own target roots in the root's own
# /var/cache. Takes many minutes (packages, three target roots, the whole suite).
#
#   sudo eng/fresh-machine-check.sh [--keep]
#
# Prints the last lines of the run (the whole log: artifacts/fresh-machine-check.log, or
# CROSSSDK_CHECK_LOG) and exits with the status of the first command that failed.
#
# The fresh root is Debian's apt variant (Essential packages and apt) with ca-certificates, git,
# mount (on every real Debian: priority required) and the .NET SDK's runtime libraries (libicu72,
# libssl3). From this machine it gets, and why:
#   - the .NET SDK, bind-mounted read-only at the same path: the machines have .NET SDK 10
#     preinstalled (a README requirement; the set-up does not install it). A read-only mount
#     costs nothing, and proves that building never writes into the SDK.
#   - DOTNET_* and NUGET_* variables, /etc/resolv.conf and the local certificate authorities in
#     /usr/local/share/ca-certificates: the machine's own settings and its network's trust.
#   - binfmt_misc, read-only: it is global to the kernel, and the host's handlers (F flag) serve
#     the root as they serve any process. Read-only, so nothing in the root can add, enable or
#     disable a handler on this machine. For the same reason the root says it is a container
#     (Debian's qemu-user-static does not register handlers in one), and a policy-rc.d keeps
#     package scripts from starting services (there is no init in the root).
#   - the uids of this machine's Nix build users (group nixbld), taken in the root by placeholder
#     accounts, so the set-up there gives its own build users other uids. Nix SIGKILLs every
#     process of a build user's uid before and after each build (UserLock::kill -> killUser:
#     kill(-1, SIGKILL) as that uid), and a PID namespace does not shield the root's processes
#     from this machine's: with the same uids (useradd -r counts down from 999 on both), a build
#     here as nixbld1 kills the root's daemon-test builds as its nixbld1, which two machines
#     never do to each other.
#
# How it runs: a private mount namespace holds every mount (they vanish with it, and are also
# unmounted on exit); each command runs in a PID namespace of its own with the root made its /
# by pivot_root (under chroot the kernel refuses the user namespaces of Nix's sandbox: "cannot
# perform a sandboxed build because user namespaces are not enabled"), so the kernel ends every
# process the command left (build servers, daemons) when it ends. The work folder (under
# /var/tmp) is deleted unless --keep is given, and only when no mount is left in it. Nothing
# outside it is changed.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

log() { printf 'fresh-machine-check: %s\n' "$*"; }

# Run in the new PID and mount namespace: /proc of that namespace, binfmt_misc read-only in it,
# then the root becomes / and the command runs with a clean environment.
# shellcheck disable=SC2016
runner='set -e
root=$1; shift
mount -t proc proc "$root/proc"
mount --bind /proc/sys/fs/binfmt_misc "$root/proc/sys/fs/binfmt_misc"
mount -o remount,bind,ro "$root/proc/sys/fs/binfmt_misc"
cd "$root"
pivot_root . .
umount -l .
cd /
exec /usr/bin/env -i "$@"'

# Inside a private mount namespace: mount, run both commands, unmount.
inner() {
  local root="$1" dotnet_dir="$2"
  # (expanded now: the trap runs after this function's locals are gone)
  # shellcheck disable=SC2064
  trap "umount -R '$root' 2>/dev/null || umount -R -l '$root' || true" EXIT
  trap 'exit 130' INT TERM HUP

  mount --bind "$root" "$root"           # a mount point of its own, for pivot_root
  mount --rbind /sys "$root/sys"
  mount --rbind /dev "$root/dev"         # with /dev/pts and /dev/shm
  mkdir -p "$root$dotnet_dir"
  mount --bind "$dotnet_dir" "$root$dotnet_dir"
  mount -o remount,bind,ro "$root$dotnet_dir"

  # A clean environment, as a login on the new machine has it, plus the machine's .NET settings.
  local env_args=(PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin HOME=/root LANG=C.UTF-8 TERM=dumb USER=root LOGNAME=root)
  local var
  while IFS= read -r var; do env_args+=("$var"); done < <(env | grep -E '^(DOTNET_|NUGET_)' || true)

  local status=0 rc command start
  for command in test sample; do
    log "in the fresh root: ./build.sh $command"
    start=$SECONDS
    # --default-signal: a check started as a background job (`cmd &` in a script) inherits
    # SIGINT and SIGQUIT ignored, and so would every process of the suite: the Ctrl+C tests would
    # then fail for the check's sake, not the code's. A fresh machine's shell ignores neither.
    unshare --pid --fork --kill-child --mount --propagation private -- \
      env --default-signal=INT,QUIT,HUP /bin/bash -c "$runner" runner "$root" "${env_args[@]}" /bin/bash -c "cd /root/CrossSdk && ./build.sh $command" </dev/null \
      && rc=0 || rc=$?
    log "./build.sh $command exited with $rc after $(( SECONDS - start )) s"
    [ "$status" -ne 0 ] || status=$rc
  done
  return "$status"
}

# Writes the fresh root: Debian 12 from mmdebstrap, this checkout's HEAD, the machine's settings.
make_root() {
  local root="$1" dotnet_dir="$2" includes=ca-certificates,git,libicu72,libssl3,mount head
  log "making a fresh Debian 12 root in $root (mmdebstrap)"
  mmdebstrap --quiet --variant=apt --include="$includes" bookworm "$root" \
    || { log "mmdebstrap failed; trying once more in 20 s"; sleep 20; rm -rf --one-file-system "$root";
         mmdebstrap --quiet --variant=apt --include="$includes" bookworm "$root" || return 1; }

  head="$(git -C "$repo" rev-parse HEAD)"
  [ -z "$(git -C "$repo" status --porcelain --untracked-files=no)" ] \
    || log "note: uncommitted changes in $repo are not part of the check (it tests $head)"
  log "cloning $head into /root/CrossSdk"
  # (set -e does not reach into a function called with ||: each step says it failed itself)
  git clone --quiet --no-checkout "$repo" "$root/root/CrossSdk" || return 1
  git -C "$root/root/CrossSdk" checkout --quiet --detach "$head" || return 1

  cp /etc/resolv.conf "$root/etc/resolv.conf"
  # Local certificate authorities: the network's trust (here an egress proxy's CA), which any
  # machine on this network has; without it NuGet's TLS fails with UntrustedRoot.
  if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
    cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    chroot "$root" update-ca-certificates >/dev/null || return 1
  fi
  # (this machine's useradd: the new root has none until the set-up installs passwd)
  local uid
  for uid in $(getent group nixbld | cut -d: -f4 | tr , '\n' | xargs -r -n1 id -u); do
    grep -q "^[^:]*:[^:]*:$uid:" "$root/etc/passwd" \
      || useradd --root "$root" -r -u "$uid" -M -g nogroup -d /nonexistent -s /usr/sbin/nologin "crosssdk-host-uid-$uid" || return 1
  done
  ln -sf "$dotnet_dir/dotnet" "$root/usr/bin/dotnet"
  printf '#!/bin/sh\n# fresh-machine-check: no services start in this root\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  printf '#!/bin/sh\n# fresh-machine-check: a root on a shared kernel, a container in the sense of\n# qemu-user-static'"'"'s postinst (it leaves binfmt_misc alone in one)\necho container-other\nexit 0\n' >"$root/usr/local/bin/systemd-detect-virt"
  chmod +x "$root/usr/sbin/policy-rc.d" "$root/usr/local/bin/systemd-detect-virt"
}

main() {
  if [ "${1:-}" = "--inner" ]; then
    inner "$2" "$3"
    return
  fi

  local keep=false
  [ "${1:-}" = "--keep" ] && keep=true
  [ "$(id -u)" -eq 0 ] || { log "run as root (mmdebstrap, mount and namespaces need it)"; exit 2; }
  local dotnet dotnet_dir logfile work root status
  dotnet="$(command -v dotnet)" || { log "the .NET SDK is a requirement: no dotnet on PATH"; exit 2; }
  dotnet_dir="$(dirname "$(readlink -f "$dotnet")")"
  logfile="${CROSSSDK_CHECK_LOG:-$repo/artifacts/fresh-machine-check.log}"
  mkdir -p "$(dirname "$logfile")"
  : >"$logfile"

  work="$(mktemp -d /var/tmp/crosssdk-fresh-machine.XXXXXX)"
  root="$work/root"
  # shellcheck disable=SC2064
  trap "
    if grep -qF ' $work' /proc/self/mountinfo; then log 'mounts are still left under $work: not deleting it'
    elif [ $keep = true ]; then log 'kept $work'
    else rm -rf --one-file-system '$work'; fi" EXIT
  trap 'exit 130' INT TERM HUP

  make_root "$root" "$dotnet_dir" >>"$logfile" 2>&1 \
    || { tail -n 30 "$logfile"; log "making the fresh root failed"; exit 1; }

  log "running ./build.sh test and ./build.sh sample in a fresh Debian 12 root ($root); log: $logfile"
  unshare --mount --propagation private -- "$(readlink -f "$0")" --inner "$root" "$dotnet_dir" >>"$logfile" 2>&1 \
    && status=0 || status=$?
  tail -n 40 "$logfile"
  log "result: exit status $status"
  exit "$status"
}

# Everything runs from main, so bash has read the whole file before any of it runs (editing the
# script during a long run cannot change the run).
main "$@"
