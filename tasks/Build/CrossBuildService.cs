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
    public const string HostProbeFileName = "host-probe.json";

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

        var aot = !string.IsNullOrEmpty(request.AotRid);
        var portability = prepared.Portability;
        var needsPatchelf = portability == PortabilityMode.Rewrite || aot;
        var host = await ProbeForPlanningAsync(prepared, cancellation).ConfigureAwait(false);
        var evaluation = await EvaluateAndPlanAsync(prepared, host, needsPatchelf ? ["patchelf"] : [], aot, cancellation).ConfigureAwait(false);
        var plan = evaluation.Plan;
        foreach (var target in plan.Plans)
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: {target.Describe()}");
        }

        // Out-links are GC roots: outputs and each target's toolchain survive nix-collect-garbage.
        var rootsDirectory = Path.Combine(request.IntermediateDirectory, "gcroots");
        ResetDirectory(rootsDirectory);
        var chosenKeys = plan.Plans.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
        var chosenAttributes = evaluation.Attributes.Where(a => a.Key.Plan is null || chosenKeys.Contains(a.Key.Plan.Key)).ToList();
        if (chosenAttributes.Any(a => a.Value is null))
        {
            // Neither candidate of a target evaluated: evaluate again without tolerance, so that
            // Nix's own error (file and line) is what the user sees. Only on this failure path.
            await evaluation.Nix.EvaluateAsync(evaluation.File, evaluation.Expression, [], request.NixOptions, cancellation).ConfigureAwait(false);
            throw new CrossException(DiagnosticCodes.UnexpectedNixOutput, $"Nix evaluated {evaluation.File} only when asked a second time; please report it with `nix --version`.");
        }

        var chosen = chosenAttributes.ToDictionary(a => a.Key, a => a.Value!);
        var outputs = await evaluation.Nix
            .RealiseAsync(chosen, Path.Combine(rootsDirectory, "result"), evaluation.File, NixOptions(request, plan), cancellation)
            .ConfigureAwait(false);

        var artifacts = Portability.Complete(new ArtifactCollector(log).Collect(outputs), portability);
        Func<Artifact, string, Task>? rewrite = null;
        var patchelfPath = needsPatchelf ? Path.Combine(outputs.Single(o => o.Key.IsTool && o.Key.Tool == "patchelf").Value, "bin", "patchelf") : null;
        if (portability == PortabilityMode.Rewrite)
        {
            var patchelf = new ToolRunner(patchelfPath!, notFoundHelp: StoreToolHelp);
            rewrite = (artifact, copy) => Portability.RewriteAsync(copy, artifact, patchelf, cancellation);
        }

        // Every check runs on copies in a staging folder: nothing reaches obj/cross/out/ or the
        // manifest (and so bin/, publish and pack, also with --no-build) unless all of it passed.
        // A failed build keeps the last good state.
        var outputRoot = Path.Combine(request.IntermediateDirectory, "out");
        var stagingRoot = Path.Combine(request.IntermediateDirectory, "out.staging");
        ResetDirectory(stagingRoot);
        IReadOnlyList<ShippedFile> shipped;
        try
        {
            var staged = await ArtifactCopier.CopyAllAsync(artifacts, stagingRoot, rewrite, cancellation).ConfigureAwait(false);
            Portability.Report(staged, prepared.GlibcFloor, log);
            File.Delete(prepared.ManifestPath);
            shipped = ArtifactCopier.Promote(staged, stagingRoot, outputRoot);
        }
        finally
        {
            Directory.Delete(stagingRoot, recursive: true);
        }

        foreach (var target in shipped.GroupBy(f => f.Rid))
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: runtimes/{target.Key}/native/: {string.Join(", ", target.Select(f => f.FileName))}");
        }

        var toolchains = outputs.Keys.Where(k => k.IsToolchain).Select(k => new Toolchain(
            k.Plan!.Target.Rid,
            outputs[k],
            outputs.FirstOrDefault(o => o.Key.Role == InstallableRole.Bintools && o.Key.Plan == k.Plan).Value ?? outputs[k])).ToList();
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
            NixpkgsFingerprint.Describe(nixpkgs),
            strategies.Select(s => (s.Target.Rid, s.Strategy.ToText())).ToList(),
            packages,
            request.NixOptions,
            [.. request.ExtraInputs, .. packages.SelectMany(p => p.Overlays).Select(o => o.File).Distinct()],
            [.. packages.Select(p => $"package {p.Key} compiler={p.Compiler} overlays={string.Join(",", p.Overlays.Select(o => $"{o.File}@{o.Target?.Rid}"))}"),
             $"portability {portability}", $"glibc-floor {floor}",
             // A NativeAOT publish also realises the toolchain and binutils, and patchelf.
             $"aot-rid {request.AotRid}",
             $"emulation-slowdown {request.EmulationSlowdown.ToString(System.Globalization.CultureInfo.InvariantCulture)}"]);
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

    /// <summary>Probes the host and plans every target (for CrossPlan and CrossDoctor): the same one evaluation a build makes, and no build.</summary>
    public async Task<BuildPlan> PlanAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var host = await ProbeForPlanningAsync(prepared, cancellation).ConfigureAwait(false);
        var decided = prepared.Targets.Select(t => Planner.Plan(t.Target, t.Strategy, host)).ToList();
        return decided.All(p => p is not null)
            ? new BuildPlan(host, decided!)
            : (await EvaluateAndPlanAsync(prepared, host, [], withBintools: false, cancellation).ConfigureAwait(false)).Plan;
    }

    /// <summary>
    /// Probes the host, decides what it can without Nix, and evaluates ONE generated file holding
    /// every candidate: the fixed plans, and for each `auto` target that could go either way its
    /// cross and emulated candidates. The planner then compares the candidates with dry runs of
    /// their derivations, which evaluate nothing. With a real nixpkgs each evaluating nix process
    /// costs seconds, so this is the only one a build starts.
    /// </summary>
    private async Task<Evaluation> EvaluateAndPlanAsync(PreparedBuild prepared, HostCapabilities host, IReadOnlyList<string> hostTools, bool withBintools, CancellationToken cancellation)
    {
        var request = prepared.Request;
        var decided = prepared.Targets.Select(t => (t.Target, Plan: Planner.Plan(t.Target, t.Strategy, host))).ToList();
        var candidates = decided.SelectMany(d => d.Plan is { } fixedPlan
            ? [fixedPlan]
            : new[]
            {
                new TargetPlan(d.Target, Strategy.Cross, "candidate") { Key = $"{d.Target.Rid}-cross" },
                new TargetPlan(d.Target, Strategy.Emulated, "candidate") { Key = $"{d.Target.Rid}-emulated" },
            }).ToList();
        var open = decided.Any(d => d.Plan is null);

        var file = Path.Combine(request.IntermediateDirectory, open ? CandidatesFileName : ExpressionFileName);
        var expression = Generate(prepared, host, candidates, hostTools, withBintools);
        WriteIfChanged(file, expression.Text);
        var emulated = candidates.Where(p => p.Strategy == Strategy.Emulated).Select(p => p.Target.NixSystem).Distinct().ToList();
        var nix = new NixBuildService(runner, log, host.Nix.Version, emulated, prepared.Nixpkgs.NeedsFlakes);
        var openKeys = decided.Where(d => d.Plan is null).SelectMany(d => new[] { $"{d.Target.Rid}-cross", $"{d.Target.Rid}-emulated" }).ToHashSet(StringComparer.Ordinal);
        var tolerant = expression.Attributes.Where(a => a.Plan is not null && openKeys.Contains(a.Plan.Key)).ToList();
        var evaluated = await nix.EvaluateAsync(file, expression, tolerant, request.NixOptions, cancellation).ConfigureAwait(false);

        var plans = new List<TargetPlan>();
        foreach (var (target, fixedPlan) in decided)
        {
            if (fixedPlan is not null)
            {
                plans.Add(fixedPlan);
                continue;
            }

            var cross = await EstimateAsync(nix, evaluated, $"{target.Rid}-cross", request.NixOptions, cancellation).ConfigureAwait(false);
            var emulation = await EstimateAsync(nix, evaluated, $"{target.Rid}-emulated", request.NixOptions, cancellation).ConfigureAwait(false);
            var choice = Choose(target, cross, emulation, request.EmulationSlowdown);
            plans.Add(choice with { Key = $"{target.Rid}-{choice.Strategy.ToText()}" });
        }

        if (open)
        {
            // The chosen plans as a file of their own, for people and tools (`nix build -f
            // obj/cross/crosssdk.nix`). CrossSdk does not evaluate it again: it builds the
            // derivations the candidates' evaluation gave.
            WriteIfChanged(
                Path.Combine(request.IntermediateDirectory, ExpressionFileName),
                Generate(prepared, host, plans.Select(p => p with { Key = p.Target.Rid }).ToList(), hostTools, withBintools).Text);
        }

        return new Evaluation(new BuildPlan(host, plans), file, expression, evaluated, nix);
    }

    /// <summary>A candidate's cost: a dry run of its derivations; a candidate that did not evaluate is not an option.</summary>
    private async Task<Estimate> EstimateAsync(NixBuildService nix, IReadOnlyDictionary<Installable, EvaluatedOutput?> evaluated, string key, IReadOnlyList<string> options, CancellationToken cancellation)
    {
        var attributes = evaluated.Where(a => a.Key.Plan?.Key == key).ToList();
        if (attributes.Any(a => a.Value is null))
        {
            var failed = attributes.First(a => a.Value is null).Key;
            var reason = $"{failed.Package?.ItemSpec ?? "its toolchain"} does not evaluate for it";
            log.LogMessage(LogImportance.Normal, $"CrossSdk: {key} is not an option: {reason}");
            return new Estimate(null, reason);
        }

        try
        {
            return new Estimate(await nix.DryRunAsync(attributes.Select(a => a.Value!.Output), options, cancellation).ConfigureAwait(false), null);
        }
        catch (CrossException ex)
        {
            log.LogMessage(LogImportance.Normal, $"CrossSdk: {key} is not an option: {ex.Message}");
            return new Estimate(null, ex.Detail ?? ex.Message);
        }
    }

    /// <summary>A plan and what its one evaluation gave.</summary>
    private sealed record Evaluation(
        BuildPlan Plan,
        string File,
        GeneratedExpression Expression,
        IReadOnlyDictionary<Installable, EvaluatedOutput?> Attributes,
        NixBuildService Nix);

    /// <summary>The host as probed; for an untrusted user, Nix itself is asked whether it builds each foreign system an emulator could serve.</summary>
    private async Task<HostCapabilities> ProbeForPlanningAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var host = await ProbeAsync(prepared.Request, cancellation).ConfigureAwait(false);
        if (host.Nix.Trusted)
        {
            return host;
        }

        // An untrusted user's extra-platforms may be ignored by the daemon: ask Nix itself.
        var probe = new SystemProbe(runner);
        var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var system in prepared.Targets.Where(t => t.Strategy is Strategy.Auto or Strategy.Emulated && !host.RunsDirectly(t.Target) && host.HandlerFor(t.Target) is not null)
            .Select(t => t.Target.NixSystem).Distinct())
        {
            probed[system] = await probe.AcceptsAsync(system, prepared.Request.NixOptions, cancellation).ConfigureAwait(false);
            log.LogMessage(LogImportance.Normal, $"CrossSdk: test build for {system}: Nix {(probed[system] ? "accepts" : "refuses")} it");
        }

        return host with { ProbedSystems = probed };
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
        var cache = new HostProbeCache(Path.Combine(request.IntermediateDirectory, HostProbeFileName), request.NixExecutable);
        var nix = await cache.GetAsync(() => new NixHostProbe(runner).ProbeAsync(cancellation)).ConfigureAwait(false);
        log.LogMessage(LogImportance.Normal, $"CrossSdk: {nix.VersionText} on {nix.System}");
        return new HostCapabilities(HostPlatform.ForNixSystem(nix.System, machine.Libc), nix, BinfmtProbe.Read(request.BinfmtFolder));
    }

    private static GeneratedExpression Generate(PreparedBuild prepared, HostCapabilities host, IReadOnlyList<TargetPlan> plans, IReadOnlyList<string>? hostTools = null, bool withBintools = false) =>
        ExpressionGenerator.Generate(
            prepared.Nixpkgs,
            host.Nix.System,
            plans,
            prepared.Packages,
            Header(prepared.Request),
            hostTools,
            withBintools);

    /// <summary>The generated file's header comment (the project name is the user's: the generator makes it comment text).</summary>
    internal static string Header(CrossBuildRequest request) =>
        $"Generated by CrossSdk {request.CrossSdkVersion} for {request.ProjectName}. Do not edit: it is rewritten by every build that needs Nix.";

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
