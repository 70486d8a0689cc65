using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Host;

/// <summary>
/// Finds the nixpkgs a build uses, before any nix process starts (the answer is part of the
/// up-to-date key). CrossNixpkgs wins; else &lt;nixpkgs&gt; as Nix would find it on NIX_PATH or the
/// default channels.
/// </summary>
/// <param name="fileExists">For the message when the value names a file, not a folder (absent: no such check).</param>
internal sealed class NixpkgsLocator(Func<string, bool> directoryExists, Func<string, string> realPath, Func<string, string?>? readFile = null, Func<string, bool>? fileExists = null)
{
    public const string FlakeLockFileName = "flake.lock";

    /// <summary>`flake.lock#nixpkgs-2009`: that input of the project's flake.lock (a flake's second nixpkgs pin, for one target).</summary>
    public const string FlakeLockInputPrefix = FlakeLockFileName + "#";

    public static NixpkgsLocator ForFileSystem() => new(Directory.Exists, RealPath, f => File.Exists(f) ? File.ReadAllText(f) : null, File.Exists);

    /// <param name="setting">What the value is, for messages: CrossNixpkgs, or a CrossTarget's Nixpkgs metadata.</param>
    public NixpkgsSource Locate(string? crossNixpkgs, string projectDirectory, string? nixPath, string? home, string setting = "CrossNixpkgs")
    {
        if (!string.IsNullOrWhiteSpace(crossNixpkgs))
        {
            var value = crossNixpkgs!.Trim();
            if (value == "<nixpkgs>")
            {
                return FromSearchPath(nixPath, home);
            }

            // Before the flake-reference test: "flake.lock#x" is no flake reference, and no folder either.
            if (value.StartsWith(FlakeLockInputPrefix, StringComparison.Ordinal))
            {
                return FromFlakeLockInput(value[FlakeLockInputPrefix.Length..], projectDirectory, setting);
            }

            var full = UserText.FullPath(value, projectDirectory);
            if (FlakeReferences.IsFlakeReference(value) && (full is null || !directoryExists(full)))
            {
                return FromFlakeReference(value, projectDirectory, setting);
            }

            if (full is not null && fileExists?.Invoke(full) == true)
            {
                throw new CrossException(
                    DiagnosticCodes.NixpkgsNotFound,
                    $"{setting} '{UserText.Display(value)}' names a file ({UserText.Display(full)}), not a folder: nixpkgs is a folder (a checkout, whose default.nix Nix imports). " +
                    $"Set it to the folder{(Path.GetFileName(full) == "default.nix" ? $" ({UserText.Display(Path.GetDirectoryName(full) ?? full)})" : "")}, or leave it empty to use <nixpkgs> from NIX_PATH.");
            }

            if (full is null || !directoryExists(full))
            {
                throw new CrossException(
                    DiagnosticCodes.NixpkgsNotFound,
                    $"{setting} '{UserText.Display(value)}' is not a folder ({UserText.Display(full ?? value)} does not exist). Set it to a nixpkgs checkout, or leave it empty to use <nixpkgs> from NIX_PATH.");
            }

            return NixpkgsSource.FromFolder(realPath(full));
        }

        return FromFlakeLock(projectDirectory) ?? FromSearchPath(nixPath, home);
    }

    /// <summary>
    /// A flake reference, checked before Nix sees it, so that a malformed or missing one is blamed
    /// on the setting that gave it, not on the network (Nix fails to download what it cannot
    /// name) or on the generated expression: a `path:` must name an existing folder (relative to
    /// the project), a forge reference (github:, gitlab:, sourcehut:) must be OWNER/REPO[/REF].
    /// </summary>
    private NixpkgsSource FromFlakeReference(string value, string projectDirectory, string setting)
    {
        if (value.StartsWith("path:", StringComparison.Ordinal))
        {
            var path = value["path:".Length..].Split('?')[0];
            var folder = UserText.FullPath(path, projectDirectory);
            if (folder is null || !directoryExists(folder))
            {
                var what = folder is not null && fileExists?.Invoke(folder) == true ? "is a file, not a folder" : "does not exist";
                throw new CrossException(
                    DiagnosticCodes.NixpkgsNotFound,
                    $"{setting} '{UserText.Display(value)}' names a path that {what} ({UserText.Display(folder ?? path)}; a relative path is taken from the project folder). " +
                    "Set it to path:/folder/of/a/nixpkgs/checkout, or leave it empty to use <nixpkgs> from NIX_PATH.");
            }

            // A local folder like any other: the key fingerprints its content and MSBuild's check
            // lists its files (the reference alone would not change with them).
            return NixpkgsSource.Flake(FlakeReferences.ToNix("path:" + folder), $"flake path:{folder}") with { Setting = setting, Reference = value, Path = folder };
        }

        if (FlakeReferences.Problem(value) is { } problem)
        {
            throw new CrossException(
                DiagnosticCodes.NixpkgsNotFound,
                $"{setting} '{UserText.Display(value)}' is not a flake reference Nix can fetch: {problem}. Write it as github:NixOS/nixpkgs/nixos-24.05 (OWNER/REPO/BRANCH, TAG or REVISION), or name a nixpkgs folder.");
        }

        return NixpkgsSource.Flake(FlakeReferences.ToNix(value), $"flake {value}") with { Setting = setting, Reference = value };
    }

    /// <summary>The nixpkgs input of the nearest flake.lock at or above the project, if it has one.</summary>
    private NixpkgsSource? FromFlakeLock(string projectDirectory) =>
        NearestFlakeLock(projectDirectory) is { } found && FlakeReferences.LockedNixpkgs(found.Json, found.LockFile) is { } locked
            ? FromLocked(locked, found.LockFile, "nixpkgs")
            : null;

    /// <summary>A named input of the nearest flake.lock (`flake.lock#nixpkgs-2009`); CROSS0082 when there is no such lock or input.</summary>
    private NixpkgsSource FromFlakeLockInput(string input, string projectDirectory, string setting)
    {
        var found = NearestFlakeLock(projectDirectory) ?? throw new CrossException(
            DiagnosticCodes.FlakeLockInputNotFound,
            $"{setting} '{FlakeLockInputPrefix}{UserText.Display(input)}' names an input of flake.lock, but there is no flake.lock in {UserText.Display(projectDirectory)} or above it. Add the input to flake.nix (inputs.{UserText.Display(input)}.url = \"github:NixOS/nixpkgs/nixos-20.09\";) and run `nix flake lock`.");
        return FlakeReferences.LockedNixpkgs(found.Json, found.LockFile, input) is { } locked
            ? FromLocked(locked, found.LockFile, input)
            : throw new CrossException(
                DiagnosticCodes.FlakeLockInputNotFound,
                $"{setting} '{FlakeLockInputPrefix}{UserText.Display(input)}': {found.LockFile} has no input '{UserText.Display(input)}' (its inputs: {string.Join(", ", FlakeReferences.RootInputs(found.Json, found.LockFile))}). Add it to flake.nix and run `nix flake lock`, or name one of those.",
                found.LockFile);
    }

    private static NixpkgsSource FromLocked(IReadOnlyDictionary<string, object> locked, string lockFile, string input)
    {
        var hash = locked.TryGetValue("narHash", out var h) ? h : locked.TryGetValue("rev", out var rev) ? rev : "unlocked";
        return NixpkgsSource.Flake(FlakeReferences.FetchTree(locked), $"{lockFile} {input} {hash}");
    }

    private (string LockFile, string Json)? NearestFlakeLock(string projectDirectory)
    {
        for (var dir = projectDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
        {
            var lockFile = Path.Combine(dir, FlakeLockFileName);
            if (readFile?.Invoke(lockFile) is { } json)
            {
                return (lockFile, json);
            }
        }

        return null;
    }

    private NixpkgsSource FromSearchPath(string? nixPath, string? home)
    {
        foreach (var entry in SearchPathEntries(nixPath, home))
        {
            var (prefix, target) = SplitEntry(entry);
            if (IsUrl(target))
            {
                // A tarball or flake reference: Nix fetches it; trust Nix to find it.
                if (prefix is "nixpkgs" or "")
                {
                    return NixpkgsSource.SearchPath(null) with { Description = $"<nixpkgs> = {target}" };
                }

                continue;
            }

            var candidate = prefix switch
            {
                "nixpkgs" => target,
                "" => Path.Combine(target, "nixpkgs"),
                _ => null,
            };
            if (candidate is not null && directoryExists(candidate))
            {
                return NixpkgsSource.SearchPath(realPath(candidate));
            }
        }

        throw new CrossException(
            DiagnosticCodes.NixpkgsNotFound,
            "No nixpkgs found: CrossNixpkgs is not set and <nixpkgs> is not on the Nix search path (NIX_PATH" +
            (string.IsNullOrEmpty(nixPath) ? " is empty" : $"='{nixPath}'") + "). " +
            "Set CrossNixpkgs to a nixpkgs folder (-p:CrossNixpkgs=/path/to/nixpkgs or in the project), " +
            "or export NIX_PATH=nixpkgs=/path/to/nixpkgs, or add a channel: nix-channel --add https://nixos.org/channels/nixpkgs-unstable nixpkgs && nix-channel --update.");
    }

    /// <summary>NIX_PATH entries, or Nix's defaults when it is unset.</summary>
    public static IEnumerable<string> SearchPathEntries(string? nixPath, string? home)
    {
        if (!string.IsNullOrEmpty(nixPath))
        {
            return SplitNixPath(nixPath!);
        }

        var defaults = new List<string>();
        if (!string.IsNullOrEmpty(home))
        {
            defaults.Add(Path.Combine(home!, ".nix-defexpr", "channels"));
        }

        defaults.Add("nixpkgs=/nix/var/nix/profiles/per-user/root/channels/nixpkgs");
        defaults.Add("/nix/var/nix/profiles/per-user/root/channels");
        return defaults;
    }

    /// <summary>Splits NIX_PATH on ':' but keeps URLs (https://...) whole, as Nix does.</summary>
    public static IReadOnlyList<string> SplitNixPath(string nixPath)
    {
        var parts = nixPath.Split(':');
        var entries = new List<string>();
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            while (i + 1 < parts.Length && parts[i + 1].StartsWith("//", StringComparison.Ordinal) && IsScheme(part))
            {
                part += ":" + parts[++i];
            }

            if (part.Length > 0)
            {
                entries.Add(part);
            }
        }

        return entries;
    }

    private static bool IsScheme(string part)
    {
        var eq = part.LastIndexOf('=');
        var scheme = eq >= 0 ? part[(eq + 1)..] : part;
        return scheme is "http" or "https" or "file" or "channel" or "flake";
    }

    private static (string Prefix, string Target) SplitEntry(string entry)
    {
        var eq = entry.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? ("", entry) : (entry[..eq], entry[(eq + 1)..]);
    }

    private static bool IsUrl(string target) =>
        target.Contains("://", StringComparison.Ordinal) || target.StartsWith("channel:", StringComparison.Ordinal) || target.StartsWith("flake:", StringComparison.Ordinal);

    private static string RealPath(string path)
    {
        var info = new DirectoryInfo(path);
        var target = info.ResolveLinkTarget(returnFinalTarget: true);
        return Path.TrimEndingDirectorySeparator(target?.FullName ?? info.FullName);
    }
}
