using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Build;

/// <summary>A request resolved without any process: packages, targets, strategies, nixpkgs and the up-to-date key.</summary>
public sealed record PreparedBuild(
    CrossBuildRequest Request,
    IReadOnlyList<PackageSpec> Packages,
    IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> Targets,
    NixpkgsSource Nixpkgs,
    IReadOnlyList<string> KeyLines,
    string Key)
{
    public string ManifestPath => Manifest.PathIn(Request.IntermediateDirectory);

    public PortabilityMode Portability { get; init; }

    public Version? GlibcFloor { get; init; }
}

/// <summary>The host as probed, and the plan of each target.</summary>
public sealed record BuildPlan(HostCapabilities Host, IReadOnlyList<TargetPlan> Plans);

/// <summary>
/// A project's native build, start to end: the up-to-date check first (no process), then probe,
/// plan, generate, one `nix build`, collect. The tasks only map parameters to this.
/// </summary>
public sealed class CrossBuildService(IToolRunner runner, ICrossLog log, NixpkgsLocator locator, TargetPlatform machine)
{
    public const string ExpressionFileName = "crosssdk.nix";
    public const string CandidatesFileName = "candidates.nix";

    private const string StoreToolHelp = "It is the patchelf Nix just built for this project (obj/cross/gcroots); check that the store path exists and rebuild.";

    public async Task<Manifest> RunAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        if (request.Packages.Count == 0 && string.IsNullOrEmpty(request.AotRid))
        {
            var empty = new Manifest("", []);
            empty.Write(Manifest.PathIn(request.IntermediateDirectory));
            return empty;
        }

        var prepared = Prepare(request);
        if (Manifest.TryRead(prepared.ManifestPath) is { } current && current.IsUpToDate(prepared.Key))
        {
            log.LogMessage(LogImportance.Normal, $"CrossSdk: native files of {request.ProjectName} are up to date ({current.Files.Count} file(s)); Nix not started.");
            return current;
        }

        // Multi-TFM projects build their inner builds in parallel: one nix build per project.
        using var projectLock = await FileLock.AcquireAsync(Path.Combine(request.IntermediateDirectory, ".lock"), request.ProjectName, request.LockTimeout, log, cancellation).ConfigureAwait(false);
        if (Manifest.TryRead(prepared.ManifestPath, log) is { } other && other.IsUpToDate(prepared.Key))
        {
            log.LogMessage(LogImportance.Normal, "CrossSdk: another build of this project has just built the native files.");
            return other;
        }

        foreach (var line in prepared.KeyLines)
        {
            log.LogMessage(LogImportance.Low, $"CrossSdk: input {line}");
        }

        var plan = await PlanAsync(prepared, cancellation).ConfigureAwait(false);
        foreach (var target in plan.Plans)
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: {target.Describe()}");
        }

        var expressionFile = Path.Combine(request.IntermediateDirectory, ExpressionFileName);
        var portability = prepared.Portability;
        var needsPatchelf = portability == PortabilityMode.Rewrite || !string.IsNullOrEmpty(request.AotRid);
        var expression = Generate(prepared, plan, plan.Plans, needsPatchelf ? ["patchelf"] : [], withBintools: !string.IsNullOrEmpty(request.AotRid));
        WriteIfChanged(expressionFile, expression.Text);

        // Out-links are GC roots: outputs and each target's toolchain survive nix-collect-garbage.
        var rootsDirectory = Path.Combine(request.IntermediateDirectory, "gcroots");
        ResetDirectory(rootsDirectory);
        var emulated = plan.Plans.Where(p => p.Strategy == Strategy.Emulated).Select(p => p.Target.NixSystem).Distinct().ToList();
        var outputs = await new NixBuildService(runner, log, emulated, prepared.Nixpkgs.NeedsFlakes)
            .BuildAsync(expressionFile, expression, Path.Combine(rootsDirectory, "result"), NixOptions(request, plan), cancellation)
            .ConfigureAwait(false);

        var artifacts = Portability.Complete(new ArtifactCollector(log).Collect(outputs), portability);
        Func<Artifact, string, Task>? rewrite = null;
        var patchelfPath = needsPatchelf ? Path.Combine(outputs.Single(o => o.Key.Name == ExpressionGenerator.ToolAttribute("patchelf")).Value, "bin", "patchelf") : null;
        if (portability == PortabilityMode.Rewrite)
        {
            var patchelf = new ToolRunner(patchelfPath!, notFoundHelp: StoreToolHelp);
            rewrite = (artifact, copy) => Portability.RewriteAsync(copy, artifact, patchelf, cancellation);
        }

        var shipped = await ArtifactCopier.CopyAllAsync(artifacts, Path.Combine(request.IntermediateDirectory, "out"), rewrite, cancellation).ConfigureAwait(false);
        Portability.Report(shipped, prepared.GlibcFloor, log);
        foreach (var target in shipped.GroupBy(f => f.Rid))
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: runtimes/{target.Key}/native/: {string.Join(", ", target.Select(f => f.FileName))}");
        }

        var toolchains = outputs.Keys.Where(k => k.IsToolchain).Select(k => new Toolchain(
            k.Plan!.Target.Rid,
            outputs[k],
            outputs.FirstOrDefault(o => o.Key.Name == ExpressionGenerator.BintoolsAttribute(k.Plan)).Value ?? outputs[k])).ToList();
        var manifest = new Manifest(prepared.Key, shipped) { Toolchains = toolchains, Patchelf = patchelfPath };
        manifest.Write(prepared.ManifestPath);
        return manifest;
    }

    /// <summary>Resolves everything that needs no process, and computes the up-to-date key.</summary>
    public PreparedBuild Prepare(CrossBuildRequest request)
    {
        var packages = PackageResolver.Resolve(request.Packages, request.ProjectDirectory, request.Overlays, request.Compiler);
        var strategies = ResolveTargets(request);
        var portability = Portability.ParseMode(request.Portability);
        var floor = Portability.ParseFloor(request.GlibcFloor);
        var nixpkgs = locator.Locate(request.Nixpkgs, request.ProjectDirectory, request.NixPath, request.Home);
        var keyLines = BuildKey.Describe(
            request.CrossSdkVersion,
            nixpkgs.Description,
            strategies.Select(s => (s.Target.Rid, s.Strategy.ToText())).ToList(),
            packages,
            request.NixOptions,
            [.. request.ExtraInputs, .. packages.SelectMany(p => p.Overlays).Select(o => o.File).Distinct()],
            [.. packages.Select(p => $"package {p.Key} compiler={p.Compiler} overlays={string.Join(",", p.Overlays.Select(o => $"{o.File}@{o.Target?.Rid}"))}"),
             $"portability {portability}", $"glibc-floor {floor}"]);
        return new PreparedBuild(request, packages, strategies, nixpkgs, keyLines, BuildKey.Compute(keyLines))
        {
            Portability = portability,
            GlibcFloor = floor,
        };
    }

    /// <summary>The targets of a request (explicit, else the RID's, else the host; plus a NativeAOT RID) with each one's strategy. No I/O.</summary>
    public IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> ResolveTargets(CrossBuildRequest request)
    {
        var targets = TargetList.Resolve(request.Targets, request.RuntimeIdentifier, machine, request.TargetRids);
        if (!string.IsNullOrEmpty(request.AotRid) && !targets.Any(t => t.Rid == request.AotRid))
        {
            targets = [.. targets, PlatformCatalog.Resolve(request.AotRid!, "RuntimeIdentifier (NativeAOT)")];
        }

        return targets.Select(t => (t, StrategyFor(t, request))).ToList();
    }

    /// <summary>Probes the host and plans every target; `auto` targets that could go either way get a dry run of each.</summary>
    public async Task<BuildPlan> PlanAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var host = await ProbeAsync(prepared.Request, cancellation).ConfigureAwait(false);
        if (!host.Nix.Trusted)
        {
            // An untrusted user's extra-platforms may be ignored by the daemon: ask Nix itself, for
            // each foreign system an emulator could serve.
            var probe = new SystemProbe(runner);
            var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
            foreach (var system in prepared.Targets.Where(t => t.Strategy is Strategy.Auto or Strategy.Emulated && !host.RunsDirectly(t.Target) && host.HandlerFor(t.Target) is not null)
                .Select(t => t.Target.NixSystem).Distinct())
            {
                probed[system] = await probe.AcceptsAsync(system, prepared.Request.NixOptions, cancellation).ConfigureAwait(false);
                log.LogMessage(LogImportance.Normal, $"CrossSdk: test build for {system}: Nix {(probed[system] ? "accepts" : "refuses")} it");
            }

            host = host with { ProbedSystems = probed };
        }

        var decided = prepared.Targets.Select(t => (t.Target, Plan: Planner.Plan(t.Target, t.Strategy, host))).ToList();
        var open = decided.Where(d => d.Plan is null).Select(d => d.Target).ToList();
        if (open.Count == 0)
        {
            return new BuildPlan(host, decided.Select(d => d.Plan!).ToList());
        }

        // Each open target as two candidates, in one generated file; one dry run per candidate.
        var candidates = open.SelectMany(t => new[]
        {
            new TargetPlan(t, Strategy.Cross, "candidate") { Key = $"{t.Rid}-cross" },
            new TargetPlan(t, Strategy.Emulated, "candidate") { Key = $"{t.Rid}-emulated" },
        }).ToList();
        var file = Path.Combine(prepared.Request.IntermediateDirectory, CandidatesFileName);
        var expression = Generate(prepared, new BuildPlan(host, candidates), candidates);
        WriteIfChanged(file, expression.Text);
        var nix = new NixBuildService(runner, log, flakes: prepared.Nixpkgs.NeedsFlakes);
        var estimates = new Dictionary<string, Estimate>(StringComparer.Ordinal);
        foreach (var candidate in candidates)
        {
            var attributes = expression.Attributes.Where(a => a.Plan?.Key == candidate.Key).Select(a => a.Name);
            try
            {
                estimates[candidate.Key] = new Estimate(await nix.DryRunAsync(file, attributes, prepared.Request.NixOptions, cancellation).ConfigureAwait(false), null);
            }
            catch (CrossException ex)
            {
                // A candidate that does not even evaluate (no such pkgsCross, no emulated
                // stdenv) is not chosen; its error shows only if the other fails too.
                log.LogMessage(LogImportance.Normal, $"CrossSdk: {candidate.Key} is not an option: {ex.Message}");
                estimates[candidate.Key] = new Estimate(null, ex.Detail ?? ex.Message);
            }
        }

        return new BuildPlan(host, decided
            .Select(d => d.Plan ?? Choose(d.Target, estimates[$"{d.Target.Rid}-cross"], estimates[$"{d.Target.Rid}-emulated"], prepared.Request.EmulationSlowdown))
            .ToList());
    }

    private sealed record Estimate(CostEstimate? Cost, string? Error);

    private static TargetPlan Choose(TargetPlatform target, Estimate cross, Estimate emulated, double slowdown) => (cross.Cost, emulated.Cost) switch
    {
        ({ } c, { } e) => Planner.Decide(target, c, e, slowdown),
        ({ }, null) => new TargetPlan(target, Strategy.Cross, $"the emulated build does not evaluate: {emulated.Error}"),
        (null, { }) => new TargetPlan(target, Strategy.Emulated, $"the cross build does not evaluate: {cross.Error}"),
        _ => new TargetPlan(target, Strategy.Cross, "neither a cross nor an emulated build evaluates; the build will show why"),
    };

    public async Task<HostCapabilities> ProbeAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        var nix = await new NixHostProbe(runner).ProbeAsync(cancellation).ConfigureAwait(false);
        log.LogMessage(LogImportance.Normal, $"CrossSdk: {nix.VersionText} on {nix.System}");
        return new HostCapabilities(HostPlatform.ForNixSystem(nix.System, machine.Libc), nix, BinfmtProbe.Read(request.BinfmtFolder));
    }

    private static GeneratedExpression Generate(PreparedBuild prepared, BuildPlan plan, IReadOnlyList<TargetPlan> plans, IReadOnlyList<string>? hostTools = null, bool withBintools = false) =>
        ExpressionGenerator.Generate(
            prepared.Nixpkgs,
            plan.Host.Nix.System,
            plans,
            prepared.Packages,
            $"Generated by CrossSdk {prepared.Request.CrossSdkVersion} for {prepared.Request.ProjectName}. Do not edit: it is rewritten by every build that needs Nix.",
            hostTools,
            withBintools);

    /// <summary>
    /// The user's options, after the extra-platforms an emulated plan needs: Nix builds a foreign
    /// system only when it is listed, and takes the list from a trusted user (the planner refused
    /// the untrusted case). The user's own options come last, so they win.
    /// </summary>
    private static IReadOnlyList<string> NixOptions(CrossBuildRequest request, BuildPlan plan)
    {
        var missing = plan.Plans
            .Where(p => p.Strategy != Strategy.Cross && !plan.Host.Nix.Accepts(p.Target.NixSystem))
            .Select(p => p.Target.NixSystem)
            .Distinct()
            .ToList();
        if (missing.Count == 0)
        {
            return request.NixOptions;
        }

        var platforms = string.Join(" ", plan.Host.Nix.ExtraPlatforms.Concat(missing).Distinct());
        return ["--option", "extra-platforms", platforms, .. request.NixOptions];
    }

    private static Strategy StrategyFor(TargetPlatform target, CrossBuildRequest request)
    {
        foreach (var (spelling, strategy) in request.TargetStrategies)
        {
            if (!string.IsNullOrWhiteSpace(strategy) && (PlatformCatalog.TryResolve(spelling) ?? Triples.TryParse(spelling))?.Config == target.Config)
            {
                return StrategyParser.Parse(strategy, $"Strategy of CrossTarget '{spelling}'");
            }
        }

        return StrategyParser.Parse(request.Strategy, "CrossStrategy");
    }

    private static void WriteIfChanged(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (!File.Exists(path) || File.ReadAllText(path) != text)
        {
            File.WriteAllText(path, text);
        }
    }

    private static void ResetDirectory(string path)
    {
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
    }
}
