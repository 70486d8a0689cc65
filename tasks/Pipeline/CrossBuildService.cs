using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tools;
using CrossSdk.Nix.Log;

namespace CrossSdk.Pipeline;

/// <summary>
/// A project's native build, start to end. It only sequences the stages, each a type of its own,
/// with data flowing one way:
/// <see cref="InputResolver"/> (request -> prepared inputs and key; no process) ->
/// up-to-date check ->
/// <see cref="HostProbing"/> (Nix settings, binfmt, trust) ->
/// <see cref="CandidatePlanner"/> (generate, evaluate once, dry-run and choose) ->
/// <see cref="Realiser"/> (one `nix build` of the chosen derivations) ->
/// <see cref="Shipper"/> (collect, check, make portable, move into place, manifest).
/// The tasks only map parameters to this.
/// </summary>
internal sealed class CrossBuildService(IToolRunner runner, ICrossLog log, NixpkgsLocator locator, TargetPlatform machine)
{
    public const string ExpressionFileName = CandidatePlanner.ExpressionFileName;
    public const string CandidatesFileName = CandidatePlanner.CandidatesFileName;

    private readonly InputResolver inputs = new(locator, machine);
    private readonly HostProbing probing = new(runner, log, machine);
    private readonly CandidatePlanner planner = new(runner, log);

    public async Task<Manifest> RunAsync(CrossBuildRequest request, CancellationToken cancellation)
    {
        if (request.Packages.Count == 0 && string.IsNullOrEmpty(request.AotRid) && string.IsNullOrEmpty(request.RunRid))
        {
            var empty = new Manifest("", []);
            empty.Write(Manifest.PathIn(request.IntermediateDirectory));
            return empty;
        }

        // The key covers what the last evaluation read, as the manifest recorded it.
        var current = Manifest.TryRead(Manifest.PathIn(request.IntermediateDirectory), log);
        var prepared = Prepare(request, current?.Inputs);
        if (current is not null && current.IsUpToDate(prepared.Key, request.IntermediateDirectory))
        {
            log.LogMessage(LogImportance.Normal, $"CrossSdk: native files of {request.ProjectName} are up to date ({current.Files.Count} file(s)); Nix not started.");
            return Succeeded(prepared, current);
        }

        // Multi-TFM projects build their inner builds in parallel: one nix build per project.
        using var projectLock = await FileLock.AcquireAsync(Path.Combine(request.IntermediateDirectory, ".lock"), request.ProjectName, request.LockTimeout, log, cancellation).ConfigureAwait(false);
        if (Manifest.TryRead(prepared.ManifestPath, log) is { } other && other.Key != current?.Key)
        {
            // Another build wrote a manifest while this one waited for the lock.
            var again = prepared.WithInputs(other.Inputs, fromSnapshots: false);
            if (other.IsUpToDate(again.Key, request.IntermediateDirectory))
            {
                log.LogMessage(LogImportance.Normal, "CrossSdk: another build of this project has just built the native files.");
                return Succeeded(again, other);
            }
        }

        foreach (var line in prepared.SettingsLines)
        {
            log.LogMessage(LogImportance.Low, $"CrossSdk: input {line}");
        }

        // Checked before Nix runs: a push that cannot work should not wait for the build.
        var upload = Caches.CacheTarget.Parse(request.CacheUpload, request.CacheSigningKeyFile);
        var aot = !string.IsNullOrEmpty(request.AotRid);
        var needsPatchelf = prepared.Portability == PortabilityMode.Rewrite || aot;
        var host = await probing.ProbeForPlanningAsync(prepared, cancellation).ConfigureAwait(false);
        var reads = new NixReads();
        var evaluationStart = DateTime.Now.Ticks;
        var evaluation = await planner.EvaluateAndPlanAsync(prepared, host, needsPatchelf ? ["patchelf"] : [], aot, cancellation, reads: reads).ConfigureAwait(false);
        prepared = Recorded(prepared, reads, evaluationStart);
        foreach (var target in evaluation.Plan.Plans)
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: {target.Describe()}");
            if (prepared.TargetNixpkgs.TryGetValue(target.Target.Rid, out var own))
            {
                log.LogMessage(LogImportance.High, $"CrossSdk: {target.Target.Rid} is built with its own nixpkgs: {own.Description}");
            }
        }

        var outputs = await Realiser.RealiseAsync(evaluation, request, prepared.Key, cancellation).ConfigureAwait(false);
        var manifest = await new Shipper(log).ShipAsync(prepared, outputs, needsPatchelf, cancellation).ConfigureAwait(false);
        Realiser.DropOtherRoots(request, prepared.Key, outputs.Values);
        if (upload is not null)
        {
            await new Caches.CachePusher(runner, log).PushAsync(upload, Realiser.RealisedInstallables(evaluation), [], request.CacheUploadRequired, cancellation).ConfigureAwait(false);
        }

        return Succeeded(prepared, manifest);
    }

    /// <summary>
    /// The key and proof over what this evaluation read: the sources by Nix's own copies of them,
    /// the files Nix evaluated as they are right after it read them. An input whose time is not
    /// older than the evaluation may have changed while Nix read it (git's index calls such
    /// entries "racily clean": https://git-scm.com/docs/racy-git): then neither the key nor a proof
    /// can say what Nix read, so the key is one no later build matches and the next build
    /// evaluates again (it builds nothing when the derivations are the same). So does a log that
    /// does not name every package file Nix evaluated (a --quiet in CrossNixOptions, a Nix that
    /// logs less): CrossSdk cannot tell what was read, and says so.
    /// </summary>
    private PreparedBuild Recorded(PreparedBuild prepared, NixReads reads, long evaluationStart)
    {
        var inputs = InputSet.FromReads(reads, prepared.IgnoredFolders, prepared.Request.BuildOutputFolders, log);
        var recorded = prepared.WithInputs(inputs, fromSnapshots: true);
        foreach (var line in recorded.KeyLines.Skip(prepared.SettingsLines.Count))
        {
            log.LogMessage(LogImportance.Low, $"CrossSdk: input {line}");
        }

        var evaluated = reads.EvaluatedFiles.Select(RealPath).ToHashSet(StringComparer.Ordinal);
        if (prepared.Packages.Where(p => p.Kind == PackageKind.File).FirstOrDefault(p => !evaluated.Contains(RealPath(p.Source))) is { } unseen)
        {
            log.LogWarning(
                DiagnosticCodes.UnseenNixRead,
                $"Nix did not say that it evaluated {unseen.Source} (its log is quieter than -vv: a --quiet in CrossNixOptions or CrossNixArgument, or a Nix that logs less), so CrossSdk cannot tell what the build read, and the next build evaluates again. Remove --quiet from the Nix options.",
                unseen.Source);
            return Unmatchable(recorded, "Nix did not report what it read");
        }

        // A file system's clock tick (Linux's coarse clock: up to 10 ms) or, for a whole-second time, a second.
        var racy = recorded.Proof!.Entries.FirstOrDefault(e => e.Ticks >= evaluationStart - (ProofEntry.IsWeak(e.Ticks) ? TimeSpan.TicksPerSecond : 20 * TimeSpan.TicksPerMillisecond));
        return racy is null ? recorded : Unmatchable(recorded, $"{racy.Path} changed while Nix evaluated");
    }

    /// <summary>A key no later build computes, and no proof: the next build evaluates again.</summary>
    private static PreparedBuild Unmatchable(PreparedBuild prepared, string why)
    {
        var lines = prepared.KeyLines.Append($"unknown: {why} {Guid.NewGuid():N}").ToList();
        return prepared with { KeyLines = lines, Key = BuildKey.Compute(lines), Proof = prepared.Proof!.Without(why) };
    }

    private static string RealPath(string path)
    {
        try
        {
            return InputWalk.RealPath(path);
        }
        catch (IOException)
        {
            return Path.GetFullPath(path);
        }
    }

    /// <summary>
    /// A build that succeeded leaves the proof MSBuild skips the next one with, when nothing
    /// changed (CrossSdk.targets seals it with the manifest after this); an input with no
    /// timestamp to stand for it leaves none, and says why at low importance. The items file is
    /// rewritten from the manifest, so a damaged one is repaired by any build that runs the task.
    /// </summary>
    private Manifest Succeeded(PreparedBuild prepared, Manifest manifest)
    {
        manifest.WriteItems(prepared.ManifestPath);
        var path = UpToDateProof.PathIn(prepared.Request.IntermediateDirectory);
        var proof = prepared.Proof?.WithShipped(manifest.Files.Select(f => f.Path));
        if (proof is { Unprovable: null })
        {
            Files.WriteIfChanged(path, proof.ToText());
        }
        else
        {
            File.Delete(path);
            log.LogMessage(LogImportance.Low, $"CrossSdk: MSBuild cannot skip the next build by timestamps ({proof?.Unprovable ?? "no inputs were resolved"}); the task checks the inputs each time.");
        }

        return manifest;
    }

    /// <summary>Resolves everything that needs no process, and computes the up-to-date key.</summary>
    public PreparedBuild Prepare(CrossBuildRequest request, InputSet? recorded = null) => inputs.Prepare(request, recorded);

    /// <summary>The targets of a request (explicit, else the RID's, else the host; plus a NativeAOT RID) with each one's strategy. No I/O.</summary>
    public IReadOnlyList<(TargetPlatform Target, Strategy Strategy)> ResolveTargets(CrossBuildRequest request) => inputs.ResolveTargets(request);

    /// <summary>Probes the host and plans every target (for CrossPlan and CrossDoctor): the same one evaluation a build makes, and no build.</summary>
    public async Task<BuildPlan> PlanAsync(PreparedBuild prepared, CancellationToken cancellation)
    {
        var host = await probing.ProbeForPlanningAsync(prepared, cancellation).ConfigureAwait(false);
        var decided = prepared.Targets.Select(t => Planner.Plan(t.Target, t.Strategy, host)).OfType<TargetPlan>().ToList();
        return decided.Count == prepared.Targets.Count
            ? new BuildPlan(host, decided)
            : (await planner.EvaluateAndPlanAsync(prepared, host, [], withBintools: false, cancellation, forBuild: false).ConfigureAwait(false)).Plan;
    }

    public Task<HostCapabilities> ProbeAsync(CrossBuildRequest request, CancellationToken cancellation) => probing.ProbeAsync(request, cancellation);

    /// <summary>Whether a store (a builder, a cache) answers; null when it does, else why not.</summary>
    public Task<string?> PingAsync(string store, IReadOnlyList<string> options, CancellationToken cancellation) => new StorePing(runner).PingAsync(store, options, cancellation);
}
