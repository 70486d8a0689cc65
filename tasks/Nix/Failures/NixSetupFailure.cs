using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Failures;

/// <summary>
/// Recognises the failures that are not a package's: the Nix set-up, the network, Nix itself.
/// Every pattern lists the texts of each Nix version it covers; "seen" texts were provoked here
/// with Nix 2.8.0 (tests/CrossSdk.UnitTests/NixFailureClassesTests.cs holds them verbatim), the
/// others are quoted from the source named beside them.
/// </summary>
internal partial class NixSetupFailure
{
    /// <param name="errors">Nix's error messages (warnings removed), first the cause.</param>
    /// <param name="tails">Each build's last log lines, already cleaned by <see cref="BuildLogText"/>.</param>
    /// <param name="plainLines">stderr lines outside the JSON log: what a crashing Nix prints.</param>
    public static CrossException? Recognise(
        IReadOnlyList<string> errors,
        IReadOnlyDictionary<string, IReadOnlyList<string>> tails,
        IReadOnlyList<string> plainLines,
        int exitCode,
        IReadOnlyList<string> extraOptions,
        IReadOnlyList<string> emulatedSystems)
    {
        string? Error(Regex pattern) => errors.FirstOrDefault(pattern.IsMatch);

        // A crash first: what a crashing daemon leaves in the client ("cannot open connection ...:
        // Nix daemon disconnected unexpectedly") must not read as an unreachable daemon.
        if ((Error(Crash()) ?? plainLines.FirstOrDefault(Crash().IsMatch)) is { } crash)
        {
            return NixSetupErrors.Crashed(Headline(crash), exitCode);
        }

        if (errors.Count == 0)
        {
            // Signals of a fault (SIGILL, SIGABRT, SIGBUS, SIGFPE, SIGSEGV as 128+N); not SIGKILL
            // or SIGTERM, which come from outside (the OOM killer, a user).
            return exitCode is 132 or 134 or 135 or 136 or 139 ? NixSetupErrors.Crashed("", exitCode) : null;
        }

        if (Error(RejectedSetting()) is { } rejected)
        {
            var name = RejectedSetting().Match(rejected).Groups["name"].Value;
            return name.Length > 0 && extraOptions.Any(o => o == name || o == "--" + name || o.StartsWith(name + "=", StringComparison.Ordinal))
                ? NixFailure.RejectedOptions(Headline(rejected))
                : NixSetupErrors.ConfigurationRejected(Headline(rejected));
        }

        if (Error(ExperimentalOff()) is { } experimental)
        {
            return NixSetupErrors.ExperimentalFeatureOff(ExperimentalOff().Match(experimental).Groups["feature"].Value, Headline(experimental));
        }

        if (Error(BuildUsers()) is { } users)
        {
            return NixSetupErrors.BuildUsers(Headline(users));
        }

        if (Error(Daemon()) is { } daemon)
        {
            return NixSetupErrors.DaemonUnreachable(Headline(daemon));
        }

        var tailLines = tails.Values.SelectMany(t => t).ToList();
        if ((Error(DiskFull()) ?? tailLines.FirstOrDefault(DiskFull().IsMatch)) is { } full)
        {
            return NixSetupErrors.DiskFull(Headline(full));
        }

        if (Error(StoreNotWritable()) is { } store)
        {
            return NixSetupErrors.StoreNotWritable(Headline(store));
        }

        if (errors.Concat(tailLines).Select(t => BuilderMissing().Match(t)).FirstOrDefault(m => m.Success) is { } missing)
        {
            var builder = missing.Groups["builder"].Value;
            var drv = errors.SelectMany(StorePaths.DerivationsIn).FirstOrDefault()
                ?? tails.FirstOrDefault(t => t.Value.Any(BuilderMissing().IsMatch)).Key;

            // An emulated build whose builder is a store path (it exists) is the binfmt_misc
            // handler registered without the F flag: the kernel looks for the emulator inside
            // the sandbox and does not find it (docs/nix-versions.md#exit-codes-and-messages). That is CROSS0015, the emulator's.
            return emulatedSystems.Count > 0 && builder.StartsWith("/nix/store/", StringComparison.Ordinal)
                ? null
                : NixSetupErrors.SandboxCannotRunBuilder(builder, drv, Headline(missing.Value));
        }

        if (Error(CacheCorrupt()) is { } corrupt)
        {
            return NixSetupErrors.CacheCorrupt(Headline(corrupt), []);
        }

        if (Error(Network()) is { } network)
        {
            return NixSetupErrors.Network(Headline(network));
        }

        return null;
    }

    /// <summary>Whether a builder could not be found: for the emulator check (CROSS0015).</summary>
    public static bool IsBuilderMissing(string text) => BuilderMissing().IsMatch(text);

    private static string Headline(string text) => BuildLogText.Clean(NixLogParser.Headline(text));

    // Nix crashed, or its daemon did.
    //   "unexpected Nix daemon error: ..."      daemon.cc, processConnection's errorPrefix (all versions)
    //   "Nix daemon disconnected unexpectedly (maybe it crashed?)"   remote-store.cc (2.4+)
    //   "Nix crashed. This is a bug. Please report this at ..."      libmain terminate handler (2.24+); Determinate: "Determinate Nix crashed"
    //   "nix: ...cc:123: ...: Assertion `...' failed."               glibc assert() in any version
    //   "terminate called after throwing an instance of ..."          libstdc++ (any version without the handler)
    [GeneratedRegex(@"unexpected Nix daemon error|daemon disconnected unexpectedly|Nix crashed\. This is a bug|Assertion [`'].*[`'] failed|terminate called after throwing|std::bad_alloc")]
    private static partial Regex Crash();

    // A setting Nix does not accept, from nix.conf or NIX_CONFIG.
    //   2.8 (seen, NIX_CONFIG "sandbox = maybe"): "option 'sandbox' has invalid value 'maybe'"
    //   2.8 (seen, NIX_CONFIG "garbage line"):   "illegal configuration line 'garbage line' in 'NIX_CONFIG'"
    //   2.8 (seen, a warning there; an error where a setting's parse throws): "configuration setting 'max-jobs' should be 'auto' or an integer"
    //   all (a warning on 2.8; an error with 'fail-on-unknown-settings' or in flake nixConfig): "unknown setting 'frobnicate'"
    [GeneratedRegex(@"option '(?<name>[^']+)' has invalid value|illegal configuration line|configuration setting '(?<name>[^']+)'|unknown setting '(?<name>[^']+)'")]
    private static partial Regex RejectedSetting();

    //   2.8 (seen): "experimental Nix feature 'nix-command' is disabled; use '--extra-experimental-features nix-command' to override"
    //   2.1x+ (src/libutil/experimental-features.cc, MissingExperimentalFeature): "... is disabled; add '--extra-experimental-features flakes' to enable it"
    //   Lix: the same words ("experimental Nix feature"); allow "Lix" should it rename them.
    [GeneratedRegex(@"experimental (?:Nix|Lix) feature '(?<feature>[^']+)' is disabled")]
    private static partial Regex ExperimentalOff();

    //   2.8 (seen) and later (src/libstore/unix/user-lock.cc, SimpleUserLock::acquire):
    //   "the group 'nixbld' specified in 'build-users-group' does not exist"
    //   "the build users group 'nixbld' has no members"
    //   "the user 'nixbld1' in the group 'nixbld' does not exist"
    [GeneratedRegex(@"specified in 'build-users-group' does not exist|the build users group '[^']*' has no members|the user '[^']*' in the group '[^']*' does not exist")]
    private static partial Regex BuildUsers();

    //   2.8 (seen, NIX_REMOTE=daemon, NIX_DAEMON_SOCKET_PATH missing / dead):
    //   "cannot connect to socket at '/tmp/x/socket': No such file or directory" / ": Connection refused"
    //   later (src/libutil/unix/unix-domain-socket.cc): the same words, the path in "..." from 2.2x
    //   all (src/libstore/remote-store.cc, RemoteStore::initConnection):
    //   "cannot open connection to remote store 'daemon': error: reading from file: Connection reset by peer"
    [GeneratedRegex(@"cannot connect to socket at|cannot open connection to remote store")]
    private static partial Regex Daemon();

    // A binary cache answered, but not with a Nix cache's files.
    //   2.8 (seen, a server answering every URL with a web page): "NAR info file 'f5vr....narinfo' is corrupt"   nar-info.cc, all versions
    //   all (archive.cc, a NAR that is no NAR): "bad archive: input doesn't look like a Nix archive"
    //   all (local-store.cc, addToStore, a NAR whose hash is not its narinfo's): "hash mismatch importing path '...'"
    [GeneratedRegex(@"NAR info file '[^']*' is corrupt|input doesn't look like a Nix archive|hash mismatch importing path")]
    private static partial Regex CacheCorrupt();

    //   2.8 (seen, store on a full tmpfs): "writing to file: No space left on device"
    //   all (derivation-goal.cc / derivation-builder.cc, when statvfs shows < 8 MiB free):
    //   "note: build failure may have been caused by lack of free disk space"
    //   SQLite (src/libstore/sqlite.cc): "database or disk is full"
    [GeneratedRegex(@"No space left on device|lack of free disk space|database or disk is full")]
    private static partial Regex DiskFull();

    //   2.8 (seen, as nobody, NIX_REMOTE=local):
    //   "could not set permissions on '/nix/var/nix/profiles/per-user' to 755: Operation not permitted"
    //   2.8 (seen, a store root the user may not write): "creating directory '/tmp/s/nix/store/.links': Permission denied"
    //   all: "opening lock file '/nix/var/nix/db/big-lock': Permission denied";
    //   a read-only mount: "...: Read-only file system"
    [GeneratedRegex(@"(?:/nix/|/nix'|/nix"").*(?:Permission denied|Operation not permitted|Read-only file system)")]
    private static partial Regex StoreNotWritable();

    // The builder does not exist where it runs (the sandbox, or a handler without the F flag).
    //   2.8 (seen, sandbox = true, builder /bin/bash; the log holds Nix's serialised error):
    //   "executing '/bin/bash': No such file or directory"
    //   2.9-2.3x (derivation-builder.cc, runChild: throw SysError("executing '%1%'", drv.builder)): the same
    //   Lix (lix/libstore/build/launch-builder.cc, execBuilder: throw SysError("running %s", req.builder)):
    //   "running /bin/bash: No such file or directory"
    //   (quotes of either kind: later versions print some paths in "...")
    [GeneratedRegex(@"(?:executing|running) ['""]?(?<builder>/[^'"":\s]+)['""]?: No such file or directory")]
    private static partial Regex BuilderMissing();

    //   2.8 (seen, substituter http://127.0.0.1:1): "unable to download 'http://127.0.0.1:1/nix-cache-info': Couldn't connect to server (7)"
    //   2.8 (seen): "path '/nix/store/...-missing' is required, but there is no substituter that can build it"
    //   2.1x+ (derivation-goal.cc): "some substitutes for the outputs of derivation '...' failed (usually happens due to networking issues); try '--fallback' to build derivation from source"
    //   curl's words in any version: "Could not resolve host", "Couldn't resolve host name", "Timeout was reached", "Failed to connect"
    [GeneratedRegex(@"unable to download '|there is no substituter that can build it|usually happens due to networking issues|Could(?:n't| not) resolve host|Couldn't connect to server|Timeout was reached|Failed to connect to")]
    private static partial Regex Network();
}
