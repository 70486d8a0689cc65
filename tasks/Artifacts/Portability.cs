using System.Globalization;
using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tools;

namespace CrossSdk.Artifacts;

/// <summary>
/// Makes what ships run outside Nix. Binaries built by nixpkgs point into /nix/store (ELF
/// interpreter, RUNPATH) and need the glibc of that nixpkgs; a file in runtimes/&lt;rid&gt;/native/
/// or a .nupkg must load on an ordinary distribution. The store's files are never changed: only
/// the copies in obj/ are.
/// </summary>
internal partial class Portability
{
    public static string StoreDir { get; } = Environment.GetEnvironmentVariable("NIX_STORE_DIR") is { Length: > 0 } dir ? dir : "/nix/store";

    public static PortabilityMode ParseMode(string? value) => (value ?? "").Trim().ToLowerInvariant() switch
    {
        "" or "rewrite" => PortabilityMode.Rewrite,
        "check" => PortabilityMode.Check,
        "off" => PortabilityMode.Off,
        _ => throw new CrossException(DiagnosticCodes.InvalidPortability, $"CrossPortability '{value}' is not rewrite (the default), check or off."),
    };

    /// <summary>CrossGlibcFloor: a glibc version, or null when empty or `dotnet` (see <see cref="IsDotnetFloor"/>).</summary>
    public static Version? ParseFloor(string? value) =>
        string.IsNullOrWhiteSpace(value) || IsDotnetFloor(value) ? null
        : Version.TryParse(value.Trim(), out var v) ? v
        : throw new CrossException(DiagnosticCodes.InvalidPortability, $"CrossGlibcFloor '{value}' is not a glibc version such as 2.28, nor `dotnet` (the glibc .NET itself needs on each RID).");

    /// <summary>CrossGlibcFloor=dotnet: the floor .NET itself has on each RID (WhereItRuns, CROSS0126).</summary>
    public static bool IsDotnetFloor(string? value) => string.Equals(value?.Trim(), "dotnet", StringComparison.OrdinalIgnoreCase);

    /// <summary>CrossGlibc or a CrossTarget's Glibc metadata: a glibc version (2.x), or null when empty.</summary>
    public static Version? ParseGlibc(string? value, string setting) =>
        string.IsNullOrWhiteSpace(value) ? null
        : Version.TryParse(value.Trim(), out var v) && v.Major == 2 && v.Build < 0 ? v
        : throw new CrossException(DiagnosticCodes.InvalidGlibc, $"{setting} '{value}' is not a glibc version such as 2.31 (2.<minor>, the version in GLIBC_2.31).");

    /// <summary>The C runtime: provided by every system of the target, never shipped.</summary>
    public static bool IsCRuntime(string soname) => CRuntime().IsMatch(soname);

    /// <summary>The interpreter programs of the target use on an ordinary distribution.</summary>
    public static string StandardInterpreter(TargetPlatform target) =>
        target.StandardInterpreter ?? throw new ArgumentOutOfRangeException(nameof(target), target, "No standard interpreter known.");

    public static bool IsStorePath(string? path) => path is not null && path.StartsWith(StoreDir + "/", StringComparison.Ordinal);

    public static IEnumerable<string> StorePathsIn(ElfFile elf) =>
        new[] { elf.Interpreter }.Concat(elf.RunPath).Concat(elf.RPath).Where(IsStorePath)!;

    /// <summary>
    /// Adds the libraries each artifact needs from the Nix closure (not the C runtime, not shipped
    /// already), found on its store RUNPATH, to ship beside it (rewrite); or fails on any store
    /// path (check). Pure but for reading the files.
    /// </summary>
    public static IReadOnlyList<Artifact> Complete(IReadOnlyList<Artifact> artifacts, PortabilityMode mode)
    {
        if (mode == PortabilityMode.Off)
        {
            return artifacts;
        }

        if (mode == PortabilityMode.Check)
        {
            var offenders = artifacts.Where(a => a.Elf is not null && StorePathsIn(a.Elf).Any())
                .Select(a => $"runtimes/{a.Plan.Target.Rid}/native/{a.FileName} ({string.Join(", ", StorePathsIn(a.Elf!).Distinct())})")
                .Distinct()
                .ToList();
            if (offenders.Count > 0)
            {
                throw new CrossException(
                    DiagnosticCodes.StorePathInArtifact,
                    $"Shipped files point into the Nix store, so they will not load outside Nix: {string.Join("; ", offenders)}. " +
                    "Set CrossPortability=rewrite (the default) to rewrite the shipped copies, or build them so they do not reference the store.");
            }

            return artifacts;
        }

        var result = artifacts.ToList();
        var missing = new List<string>();
        var queue = new Queue<Artifact>(artifacts);
        while (queue.Count > 0)
        {
            var artifact = queue.Dequeue();
            if (artifact.Elf is null)
            {
                continue;
            }

            var searchPath = artifact.Elf.RunPath.Concat(artifact.Elf.RPath).Where(IsStorePath).ToList();
            foreach (var needed in artifact.Elf.Needed.Where(n => !IsCRuntime(n)))
            {
                if (result.Any(a => a.Plan.Target == artifact.Plan.Target && a.FileName == needed))
                {
                    continue;
                }

                var found = searchPath.Select(dir => Path.Combine(dir, needed)).FirstOrDefault(File.Exists);
                if (found is null)
                {
                    if (searchPath.Count > 0)
                    {
                        missing.Add($"{needed} (needed by runtimes/{artifact.Plan.Target.Rid}/native/{artifact.FileName}, not in {string.Join(":", searchPath)})");
                    }

                    continue;
                }

                var real = File.ResolveLinkTarget(found, returnFinalTarget: true)?.FullName ?? found;
                var dependency = new Artifact(artifact.Plan, artifact.Package, real, needed, ElfFile.Read(real));
                result.Add(dependency);
                queue.Enqueue(dependency);
            }
        }

        if (missing.Count > 0)
        {
            throw new CrossException(
                DiagnosticCodes.NeededLibraryMissing,
                $"Shipped files need libraries from the Nix closure that CrossSdk could not find to ship beside them: {string.Join("; ", missing.Distinct())}. " +
                "Add the package that provides them as a CrossPackage, or set CrossPortability=off to ship the files as built.");
        }

        return result;
    }

    /// <summary>Rewrites a copy (never the store's file): standard interpreter, $ORIGIN instead of store RUNPATH entries.</summary>
    public static async Task RewriteAsync(string copy, Artifact artifact, IToolRunner patchelf, CancellationToken cancellation)
    {
        if (artifact.Elf is not { } elf || !StorePathsIn(elf).Any())
        {
            return;
        }

        var args = new List<string>();
        if (IsStorePath(elf.Interpreter))
        {
            args.AddRange(["--set-interpreter", StandardInterpreter(artifact.Plan.Target)]);
        }

        var paths = elf.RunPath.Concat(elf.RPath).ToList();
        if (paths.Any(IsStorePath))
        {
            var kept = paths.Where(p => !IsStorePath(p)).Prepend("$ORIGIN").Distinct();
            args.AddRange(["--set-rpath", string.Join(":", kept)]);
        }

        args.Add(copy);
        var result = await patchelf.RunAsync(args, null, cancellation).ConfigureAwait(false);
        var after = result.ExitCode == 0 ? ElfFile.Read(copy) : null;
        if (after is null || StorePathsIn(after).Any())
        {
            throw new CrossException(
                DiagnosticCodes.StorePathInArtifact,
                $"Could not rewrite the store paths of runtimes/{artifact.Plan.Target.Rid}/native/{artifact.FileName} (patchelf exit code {result.ExitCode}). Set CrossPortability=off to ship it as built.");
        }
    }

    /// <summary>The newest GLIBC_x.y (or GLIBCXX_x.y.z) version a file needs, with the symbols that need it.</summary>
    public static (Version Version, string Symbol)? Newest(ElfFile elf, string prefix)
    {
        var best = ((Version Version, string Symbol)?)null;
        foreach (var version in elf.RequiredVersions)
        {
            if (ParseVersion(version, prefix) is not { } v || (best is { } b && b.Version >= v))
            {
                continue;
            }

            // Every symbol that needs it (a few, sorted), not just the first: which one a user
            // recognises (dlopen, not dlerror) is not for CrossSdk to guess.
            var symbols = elf.VersionedImports.Where(i => i.Version == version).Select(i => i.Symbol).Distinct().Order(StringComparer.Ordinal).ToList();
            var symbol = symbols.Count == 0 ? "(a symbol)" : string.Join(", ", symbols.Take(4)) + (symbols.Count > 4 ? $" and {symbols.Count - 4} more" : "");
            best = (v, symbol);
        }

        return best;
    }

    /// <summary>
    /// Logs the glibc (and libstdc++) each file needs; fails on one newer than its target's
    /// CrossGlibc (<paramref name="glibc"/>, by RID: CROSS0080) or than the floor (CROSS0019).
    /// </summary>
    public static void Report(IReadOnlyList<ShippedFile> shipped, Version? floor, ICrossLog log, Func<ShippedFile, string>? displayName = null, IReadOnlyDictionary<string, Version>? glibc = null)
    {
        var tooNew = new List<string>();
        var notMet = new List<(string Rid, Version Wanted, string Text)>();
        foreach (var file in shipped)
        {
            if (ElfFile.Read(file.Path) is not { } elf)
            {
                continue;
            }

            var name = displayName?.Invoke(file) ?? $"runtimes/{file.Rid}/native/{file.FileName}";
            var glibcNeeded = Newest(elf, "GLIBC_");
            var glibcxx = Newest(elf, "GLIBCXX_");
            if (glibcNeeded is null && glibcxx is null)
            {
                continue;
            }

            log.LogMessage(LogImportance.High, $"CrossSdk: {name} needs " + string.Join(" and ", new[]
            {
                glibcNeeded is { } g ? $"GLIBC_{g.Version}" : null,
                glibcxx is { } x ? $"GLIBCXX_{x.Version}" : null,
            }.Where(s => s is not null)));
            if (glibcNeeded is { } needs && glibc?.GetValueOrDefault(file.Rid) is { } wanted && needs.Version > wanted)
            {
                notMet.Add((file.Rid, wanted, $"{name} needs GLIBC_{needs.Version} (for {needs.Symbol})"));
            }

            if (floor is not null && glibcNeeded is { } need && need.Version > floor)
            {
                tooNew.Add($"{name} needs GLIBC_{need.Version} (for {need.Symbol})");
            }
        }

        if (notMet.Count > 0)
        {
            throw new CrossException(DiagnosticCodes.GlibcTargetNotMet, GlibcTargetMessage(notMet));
        }

        if (tooNew.Count > 0)
        {
            throw new CrossException(
                DiagnosticCodes.GlibcTooNew,
                $"Shipped files need a newer glibc than CrossGlibcFloor {floor}: {string.Join("; ", tooNew)}. " +
                "They would not load on systems with glibc " + floor + ". Build against an older glibc (an older nixpkgs), avoid those symbols, or raise CrossGlibcFloor.");
        }
    }

    /// <summary>CROSS0080's message: what needs too much, per target, and the nixpkgs release that would meet it.</summary>
    private static string GlibcTargetMessage(List<(string Rid, Version Wanted, string Text)> notMet)
    {
        var parts = notMet.GroupBy(n => (n.Rid, n.Wanted)).Select(g =>
        {
            var (rid, wanted) = g.Key;
            var advice = GlibcReleases.NewestAtMost(wanted) is { } release
                ? $"build {rid} with a nixpkgs whose glibc is {wanted} or older, e.g. <CrossTarget Include=\"{rid}\" Nixpkgs=\"github:NixOS/nixpkgs/{release.Release}\" /> ({release.Release} has glibc {release.Glibc}; docs/older-glibc.md lists the releases)"
                : $"build {rid} with a nixpkgs whose glibc is {wanted} or older (every release CrossSdk knows is newer; docs/older-glibc.md lists them)";
            return $"{string.Join("; ", g.Select(n => n.Text))}: newer than CrossGlibc {wanted} of {rid}. To meet it, {advice}, avoid the symbols named, or raise CrossGlibc";
        });
        return $"Shipped files need a newer glibc than their target allows: {string.Join(". ", parts)}.";
    }

    private static Version? ParseVersion(string name, string prefix) =>
        name.StartsWith(prefix, StringComparison.Ordinal)
        && Version.TryParse(name[prefix.Length..], out var v) ? v : null;

    [GeneratedRegex(@"^(libc|libm|libdl|libpthread|librt|libutil|libresolv|libanl)\.so(\.[0-9]+)*$|^ld-linux.*\.so\.[0-9]+$|^ld64\.so\.[0-9]+$|^ld\.so\.[0-9]+$|^libc\.musl-.*\.so\.1$|^ld-musl-.*\.so\.1$")]
    private static partial Regex CRuntime();
}
