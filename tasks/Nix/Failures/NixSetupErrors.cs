using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Nix.Failures;

/// <summary>
/// The errors of a Nix that cannot work as set up, of the network, and of Nix itself: none of them
/// is the fault of a package file, so none says "fix the Nix file". Each quotes Nix, names the Nix
/// setting involved and says how to fix it on Debian/Ubuntu, on NixOS and in a container.
/// </summary>
internal static class NixSetupErrors
{
    private const string NotYourPackage = "This is the Nix set-up, not your package.";

    /// <summary>CROSS0050: build-users-group names a group (or users) that do not exist.</summary>
    public static CrossException BuildUsers(string nix) =>
        new(DiagnosticCodes.NixBuildUsersMissing,
            $"Nix cannot build: {nix}. {NotYourPackage} The Nix setting 'build-users-group' (default nixbld) names the group of build users that Nix runs builds as, and it or its users do not exist here. " +
            "Fix: on Debian/Ubuntu (nix-bin), create them as root: `groupadd -r nixbld; for i in 1 2 3 4; do useradd -r -g nixbld -G nixbld -M -N -s /usr/sbin/nologin nixbld$i; done`, " +
            "or, for a Nix used only by root without a daemon, set 'build-users-group =' (empty) in /etc/nix/nix.conf. " +
            "On NixOS the nix module makes them (nix.nrBuildUsers): run nixos-rebuild switch. " +
            "In a container, run as root with NIX_CONFIG='build-users-group =' or add the group and users to the image.");

    /// <summary>CROSS0051: the sandbox does not show the builder (or its interpreter) to the build.</summary>
    public static CrossException SandboxCannotRunBuilder(string builder, string? derivation, string nix)
    {
        var what = derivation is null ? "a derivation" : StorePaths.NameOf(derivation);
        var why = builder.StartsWith("/nix/store/", StringComparison.Ordinal)
            ? $"The builder {builder} is in the store, so what it needs to start (its #! interpreter or its dynamic loader) is outside the sandbox."
            : $"The builder {builder} is outside /nix/store, and the build sandbox (setting 'sandbox') shows a build only the store and the paths in 'sandbox-paths' and 'extra-sandbox-paths'.";
        return new CrossException(
            DiagnosticCodes.SandboxCannotRunBuilder,
            $"Nix could not start the builder of {what} in its sandbox: {nix}. {why} {NotYourPackage} " +
            "Fix: use builders from the store (packages of your nixpkgs), or let the sandbox see the folders they need: " +
            "on Debian/Ubuntu add 'extra-sandbox-paths = /bin /usr /lib /lib64' to /etc/nix/nix.conf (and restart nix-daemon if one runs); " +
            "on NixOS set nix.settings.extra-sandbox-paths; " +
            "in a container without user namespaces, where no sandbox can work, set 'sandbox = false' (NIX_CONFIG, or -p:CrossNixOptions=\"--option sandbox false\" for a trusted user).")
        {
            Detail = nix,
        };
    }

    /// <summary>CROSS0052: the daemon's socket is missing, refuses, or the daemon turned us away.</summary>
    public static CrossException DaemonUnreachable(string nix)
    {
        var remote = Environment.GetEnvironmentVariable("NIX_REMOTE");
        var socket = Environment.GetEnvironmentVariable("NIX_DAEMON_SOCKET_PATH");
        var why = nix.Contains("Connection refused", StringComparison.Ordinal)
            ? "The socket exists but no daemon listens on it (nix-daemon stopped or crashed)."
            : nix.Contains("No such file or directory", StringComparison.Ordinal)
                ? "There is no socket: nix-daemon is not running, or NIX_DAEMON_SOCKET_PATH points elsewhere."
                : nix.Contains("Permission denied", StringComparison.Ordinal) || nix.Contains("not permitted", StringComparison.Ordinal) || nix.Contains("reset by peer", StringComparison.Ordinal)
                    ? "The daemon turned this user away (the Nix setting 'allowed-users'), or the socket's folder is closed to this user."
                    : "The daemon did not answer.";
        return new CrossException(
            DiagnosticCodes.NixDaemonUnreachable,
            $"Nix cannot reach the Nix daemon: {nix}. {why} " +
            $"Nix uses the daemon when NIX_REMOTE is 'daemon' (here: '{remote ?? "unset"}'; unset means 'auto': the daemon for a user who cannot write /nix/var/nix), at the socket /nix/var/nix/daemon-socket/socket or NIX_DAEMON_SOCKET_PATH (here: '{socket ?? "unset"}'). {NotYourPackage} " +
            "Fix: start the daemon: on Debian/Ubuntu `systemctl enable --now nix-daemon.socket nix-daemon`; on NixOS `systemctl restart nix-daemon.socket nix-daemon`; " +
            "in a container without systemd, start `nix-daemon &` as root, or build as root with NIX_REMOTE unset (the local store). If the daemon runs, add the user to 'allowed-users' in the daemon's nix.conf.")
        {
            Detail = nix,
        };
    }

    /// <summary>CROSS0053: Nix may not write the store or its state (/nix/store, /nix/var/nix).</summary>
    public static CrossException StoreNotWritable(string nix) =>
        new(DiagnosticCodes.NixStoreNotWritable,
            $"Nix cannot write its store or its state: {nix}. {NotYourPackage} Only root (or the Nix daemon) writes /nix/store and /nix/var/nix; the store Nix opens is set by NIX_REMOTE / the Nix setting 'store'. " +
            "Fix: as a user other than root, go through the daemon: NIX_REMOTE=daemon with nix-daemon running (Debian/Ubuntu: `systemctl enable --now nix-daemon.socket nix-daemon`); " +
            "check that /nix/store and /nix/var/nix belong to root and are on a writable file system (`ls -ld /nix/store /nix/var/nix`). " +
            "On NixOS the store is read-only by design: always build through the daemon. " +
            "In a container, mount /nix writable (not read-only) and build as root, or reach the host's daemon through its socket.")
        {
            Detail = nix,
        };

    /// <summary>CROSS0054: no space left on the store's or the build folder's file system.</summary>
    public static CrossException DiskFull(string nix) =>
        new(DiagnosticCodes.NixDiskFull,
            $"Nix ran out of disk space: {nix}. {NotYourPackage} " +
            "Free space on the file systems of /nix/store and of the build folder (Nix setting 'build-dir', else TMPDIR or /tmp): `nix-collect-garbage -d` removes store paths nothing uses; `df -h /nix/store /tmp` shows what is left. " +
            "On NixOS, nix.gc.automatic = true keeps it in check. In a container, give /nix and /tmp a bigger volume.")
        {
            Detail = nix,
        };

    /// <summary>CROSS0055: an experimental feature that something needs is off.</summary>
    public static CrossException ExperimentalFeatureOff(string feature, string nix) =>
        new(DiagnosticCodes.NixExperimentalFeatureOff,
            $"Nix refused to use its experimental feature '{feature}': {nix}. CrossSdk turns on only nix-command (and flakes for a flake nixpkgs); something else needs '{feature}' (a package file, the nixpkgs, or CrossNixOptions). " +
            $"The Nix setting is 'experimental-features'. Fix: add 'extra-experimental-features = {feature}' to /etc/nix/nix.conf (Debian/Ubuntu; restart nix-daemon if one runs) or ~/.config/nix/nix.conf; " +
            $"on NixOS, nix.settings.experimental-features = [ \"{feature}\" ]; in a container, NIX_CONFIG='extra-experimental-features = {feature}'; " +
            $"or for this project only, -p:CrossNixOptions=\"--extra-experimental-features {feature}\".")
        {
            Detail = nix,
        };

    /// <summary>CROSS0056: a setting in nix.conf or NIX_CONFIG that this Nix rejects.</summary>
    public static CrossException ConfigurationRejected(string nix) =>
        new(DiagnosticCodes.NixConfigurationRejected,
            $"Nix rejected a setting of its own configuration: {nix}. It is not one of CrossSdk's arguments: it comes from NIX_CONFIG, /etc/nix/nix.conf, ~/.config/nix/nix.conf or NIX_USER_CONF_FILES. " +
            "Fix or remove that line (a setting newer than this Nix is unknown to it: see `nix --version`). On Debian/Ubuntu edit /etc/nix/nix.conf; on NixOS, nix.settings (or nix.extraOptions) and nixos-rebuild switch; in a container, the NIX_CONFIG it is given.")
        {
            Detail = nix,
        };

    /// <summary>CROSS0057: a substituter (binary cache) or a download cannot be reached.</summary>
    public static CrossException Network(string nix) =>
        new(DiagnosticCodes.NixNetworkFailed,
            $"Nix could not download what it needs: {nix}. The network, a proxy or a binary cache (the Nix setting 'substituters') is unreachable; this is not an error in your package. " +
            "Fix: check the connection and the cache URLs (`nix show-config | grep substituters`); behind a proxy, set https_proxy for nix and for nix-daemon (Debian/Ubuntu: a systemd drop-in for nix-daemon.service; NixOS: networking.proxy). " +
            "Offline, set 'substituters =' (empty) so that Nix builds everything itself, and 'fallback = true' to build when a cache fails; in a container, pass the proxy variables and DNS through to it.")
        {
            Detail = nix,
        };

    /// <summary>
    /// CROSS0077: a binary cache answered with what no Nix cache serves. Nix names the file, not
    /// the cache; <paramref name="caches"/> are the ones it asks (CrossSubstituters first).
    /// </summary>
    public static CrossException CacheCorrupt(string nix, IReadOnlyList<string> caches)
    {
        var which = caches.Count switch
        {
            0 => "Nix does not say which binary cache (its setting 'substituters'; `nix show-config | grep substituters` lists them)",
            1 => $"The binary cache is {caches[0]}, the one this build asks",
            _ => $"Nix does not say which binary cache; this build asks {string.Join(", ", caches)}",
        };
        return new CrossException(
            DiagnosticCodes.BinaryCacheCorrupt,
            $"A binary cache answered Nix with something that is not a Nix cache's file: {nix}. {which}. This is the cache (or a proxy or web server in front of it), not your package. " +
            "Check it: `curl -sS URL/nix-cache-info` must print 'StoreDir: /nix/store', and each .narinfo is 'StorePath: ...' lines; a server that answers every URL with a web page gives this error. " +
            "Fix the cache, or remove it from CrossSubstituters (or Nix's substituters); to build without caches meanwhile, run with NIX_CONFIG='substituters =' (a trusted user: -p:CrossNixOptions=\"--option substituters ''\").")
        {
            Detail = nix,
        };
    }

    /// <summary>CROSS0058: Nix (or its daemon) crashed.</summary>
    public static CrossException Crashed(string nix, int exitCode) =>
        new(DiagnosticCodes.NixCrashed,
            $"Nix itself failed ({Describe(exitCode)}){(nix.Length > 0 ? ": " + nix : "")}. That is a fault in Nix or its daemon, not in your package or your set-up. " +
            "Run the build again; if it happens again, see the daemon's log (`journalctl -u nix-daemon` on Debian/Ubuntu and NixOS), and report it with `nix --version` to https://github.com/NixOS/nix/issues (or to your distribution).")
        {
            Detail = nix,
        };

    /// <summary>CROSS0059: Nix failed with words CrossSdk does not know. It quotes them and does not guess.</summary>
    public static CrossException Unrecognised(string nix, int exitCode) =>
        new(DiagnosticCodes.NixFailedUnrecognised,
            $"Nix failed (exit code {exitCode}) with: \"{nix}\". CrossSdk does not know this message, so it cannot tell whether a package file, the Nix set-up or the network is the cause. " +
            "Build with -v:d to see all Nix printed, and please report the message with `nix --version` so that CrossSdk learns it.")
        {
            Detail = nix,
        };

    private static string Describe(int exitCode) => exitCode switch
    {
        134 => "aborted, SIGABRT",
        139 => "segmentation fault, SIGSEGV",
        135 => "bus error, SIGBUS",
        132 => "illegal instruction, SIGILL",
        136 => "floating-point exception, SIGFPE",
        > 128 and < 160 => $"killed by signal {exitCode - 128}",
        _ => $"exit code {exitCode}",
    };
}
