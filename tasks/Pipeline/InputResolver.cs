using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Settings;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stage 1: resolves a request's properties and items into a <see cref="PreparedBuild"/> and its
/// up-to-date key, with no process and no Nix. Pure but for reading the project's files.
/// </summary>
internal sealed class InputResolver(NixpkgsLocator locator, TargetPlatform machine)
{
    /// <summary>Resolves everything that needs no process, and computes the up-to-date key.</summary>
    /// <param name="recorded">What the last build's evaluation read (its manifest's record); null when none is known.</param>
    public PreparedBuild Prepare(CrossBuildRequest request, InputSet? recorded = null)
    {
        var packages = PackageResolver.Resolve(request.Packages, request.ProjectDirectory, request.Overlays, request.Compiler);
        var strategies = ResolveTargets(request);
        var portability = Portability.ParseMode(request.Portability);
        var floor = Portability.ParseFloor(request.GlibcFloor);
        var nixpkgs = locator.Locate(request.Nixpkgs, request.ProjectDirectory, request.NixPath, request.Home);
        // Package files too: one reached through a symlink is logged by Nix under its target's path,
        // so switching the link would change nothing Nix reported.
        var extraInputs = request.ExtraInputs.Concat(packages.SelectMany(p => p.Overlays).Select(o => o.File))
            .Concat(packages.Where(p => p.Kind == PackageKind.File).Select(p => p.Source))
            .Concat(NixpkgsUserFiles(request.Home)).Distinct().ToList();
        var targetNixpkgs = new Dictionary<string, NixpkgsSource>(StringComparer.Ordinal);
        var targetGlibc = new Dictionary<string, Version>(StringComparer.Ordinal);
        // CrossGlibc is checked even when every target's own Glibc metadata stands in for it.
        _ = Portability.ParseGlibc(request.Glibc, "CrossGlibc");
        foreach (var (target, _) in strategies)
        {
            if (MetadataFor(target, request.TargetNixpkgs) is { } own)
            {
                targetNixpkgs[target.Rid] = locator.Locate(own.Value, request.ProjectDirectory, request.NixPath, request.Home, $"Nixpkgs of CrossTarget '{own.Spelling}'");
            }

            if (GlibcFor(target, request) is { } version)
            {
                targetGlibc[target.Rid] = version;
            }
        }

        var nixpkgsUsed = new List<(string? Setting, NixpkgsSource Source)> { (request.Nixpkgs, nixpkgs) };
        nixpkgsUsed.AddRange(strategies.Where(t => targetNixpkgs.ContainsKey(t.Target.Rid)).Select(t => (MetadataFor(t.Target, request.TargetNixpkgs)?.Value, targetNixpkgs[t.Target.Rid])));
        var walks = new NixpkgsWalks();
        var settingsLines = BuildKey.Describe(
            request.CrossSdkVersion,
            NixpkgsFingerprint.Describe(nixpkgs, walks),
            strategies.Select(s => (s.Target.Rid, s.Strategy.ToText())).ToList(),
            packages,
            request.NixOptions,
            [],
            [.. packages.Select(p => $"package {p.Key} compiler={p.Compiler} overlays={string.Join(",", p.Overlays.Select(o => $"{o.File}@{o.Target?.Rid}"))}"),
             $"portability {portability}", $"glibc-floor {floor}{(Portability.IsDotnetFloor(request.GlibcFloor) ? "dotnet" : "")}",
             // Each target's own nixpkgs by its content, as the project's (a pull in that checkout rebuilds).
             .. targetNixpkgs.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"target-nixpkgs {t.Key} {NixpkgsFingerprint.Describe(t.Value, walks)}"),
             .. targetGlibc.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => $"target-glibc {t.Key} {t.Value}"),
             // A NativeAOT publish also realises the toolchain and binutils, and patchelf.
             $"aot-rid {request.AotRid}",
             $"run-rid {request.RunRid} icu={request.RunIcu}",
             $"emulation-slowdown {request.EmulationSlowdown.ToString(System.Globalization.CultureInfo.InvariantCulture)}",
             $"nixpkgs-environment {string.Join(" ", NixpkgsVariables.Select(v => $"{v}={Environment.GetEnvironmentVariable(v)}"))}",
             // The whole request as given: whatever a new setting is, it is keyed.
             $"request {System.Text.Json.JsonSerializer.Serialize(request)}"]);
        // A credential in a URL (CrossSubstituters, a Nixpkgs URL, NIX_PATH) keys the build by its
        // hash: these lines are logged at low importance and the key is written to obj/.
        settingsLines = settingsLines.Select(Secrets.ForKey).ToList();
        var prepared = new PreparedBuild(packages, strategies, nixpkgs, settingsLines, "")
        {
            ProjectDirectory = request.ProjectDirectory,
            IntermediateDirectory = request.IntermediateDirectory,
            ProjectName = request.ProjectName,
            CrossSdkVersion = request.CrossSdkVersion,
            Host = HostSettings.From(request),
            EmulationSlowdown = request.EmulationSlowdown,
            Aot = !string.IsNullOrEmpty(request.AotRid),
            RuntimeRoot = request.RunRid is { } runRid ? new RuntimeRootSpec(runRid, request.RunIcu) : null,
            CacheUpload = request.CacheUpload,
            CacheSigningKeyFile = request.CacheSigningKeyFile,
            CacheUploadRequired = request.CacheUploadRequired,
            BuildOutputFolders = request.BuildOutputFolders,
            LockTimeout = request.LockTimeout,
            MaxProofEntries = request.UpToDateMaxFiles,
            Portability = portability,
            GlibcFloor = floor,
            DotnetFloor = Portability.IsDotnetFloor(request.GlibcFloor),
            TargetNixpkgs = targetNixpkgs,
            TargetGlibc = targetGlibc,
            NixpkgsUsed = nixpkgsUsed,
            NixpkgsWalks = walks,
            DeclaredInputs = extraInputs,
            SettingsLines = settingsLines,
        };
        return prepared.WithInputs(recorded, fromSnapshots: false);
    }

    /// <summary>The variables nixpkgs' impure.nix reads (https://github.com/NixOS/nixpkgs/blob/master/pkgs/top-level/impure.nix).</summary>
    private static readonly string[] NixpkgsVariables = ["NIXPKGS_CONFIG", "NIXPKGS_ALLOW_UNFREE", "NIXPKGS_ALLOW_INSECURE", "NIXPKGS_ALLOW_BROKEN", "NIXPKGS_ALLOW_UNSUPPORTED_SYSTEM"];

    /// <summary>
    /// What nixpkgs' impure.nix reads when it is imported without config or overlays, as CrossSdk
    /// imports it: the user's config.nix and overlays (present or not: one that appears changes the
    /// build). The NIXPKGS_* variables it reads are keyed as settings.
    /// </summary>
    internal static IEnumerable<string> NixpkgsUserFiles(string? home)
    {
        var config = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME") is { Length: > 0 } xdg ? xdg : home is { Length: > 0 } ? Path.Combine(home, ".config") : null;
        if (Environment.GetEnvironmentVariable("NIXPKGS_CONFIG") is { Length: > 0 } file && Path.IsPathRooted(file))
        {
            yield return file;
        }

        if (config is not null && Path.IsPathRooted(config))
        {
            yield return Path.Combine(config, "nixpkgs", "config.nix");
            yield return Path.Combine(config, "nixpkgs", "overlays.nix");
            yield return Path.Combine(config, "nixpkgs", "overlays");
        }

        if (home is { Length: > 0 } && Path.IsPathRooted(home))
        {
            yield return Path.Combine(home, ".nixpkgs", "config.nix");
        }
    }

    /// <summary>The targets of a request (explicit, else the RID's, else the host; plus a NativeAOT RID) with each one's strategy. No I/O.</summary>
    public IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> ResolveTargets(CrossBuildRequest request)
    {
        var targets = TargetList.Resolve(request.Targets, request.RuntimeIdentifier, machine, request.TargetRids);
        if (!string.IsNullOrEmpty(request.AotRid) && !targets.Any(t => t.Rid == request.AotRid))
        {
            targets = [.. targets, PlatformCatalog.Resolve(request.AotRid!, "RuntimeIdentifier (NativeAOT)")];
        }

        if (!string.IsNullOrEmpty(request.RunRid) && !targets.Any(t => t.Rid == request.RunRid))
        {
            targets = [.. targets, PlatformCatalog.Resolve(request.RunRid!, "the run target")];
        }

        return targets.Select(t => (t, StrategyFor(t, request))).ToList();
    }

    /// <summary>
    /// The newest glibc a target's shipped files (and NativeAOT executable) may need: the Glibc
    /// metadata of its CrossTarget item (any spelling of it), else CrossGlibc; null: no requirement.
    /// </summary>
    internal static Version? GlibcFor(TargetPlatform target, CrossBuildRequest request) =>
        MetadataFor(target, request.TargetGlibc) is { } glibc
            ? Portability.ParseGlibc(glibc.Value, $"Glibc of CrossTarget '{glibc.Spelling}'")
            : Portability.ParseGlibc(request.Glibc, "CrossGlibc");

    private static Strategy StrategyFor(TargetPlatform target, CrossBuildRequest request) =>
        MetadataFor(target, request.TargetStrategies) is { } strategy
            ? StrategyParser.Parse(strategy.Value, $"Strategy of CrossTarget '{strategy.Spelling}'")
            : StrategyParser.Parse(request.Strategy, "CrossStrategy");

    /// <summary>The metadata a CrossTarget item gives this target (any spelling of it), if one does.</summary>
    private static (string Spelling, string Value)? MetadataFor(TargetPlatform target, IReadOnlyDictionary<string, string> metadata)
    {
        foreach (var (spelling, value) in metadata)
        {
            if (!string.IsNullOrWhiteSpace(value) && (PlatformCatalog.TryResolve(spelling) ?? Triples.TryParse(spelling)) is { } named && named.Config == target.Config && named.Libc == target.Libc)
            {
                return (spelling, value);
            }
        }

        return null;
    }
}
