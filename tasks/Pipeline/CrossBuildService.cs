using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tools;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Log;
using CrossSdk.Settings;

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
/// No stage after the first sees the request. The service owns what runs processes: the
/// runners (<see cref="ToolRunners"/>: nix, and patchelf from the store) and, once the host is
/// probed, the build's one Nix context (<see cref="NixFor"/>), which it hands to the stages that
/// run nix. The tasks only map parameters to this.
/// </summary>
internal sealed class CrossBuildService(ToolRunners runners, ICrossLog log, NixpkgsLocator locator, TargetPlatform machine)
{
    public const string ExpressionFileName = CandidatePlanner.ExpressionFileName;
    public const string CandidatesFileName = CandidatePlanner.CandidatesFileName;

    private readonly InputResolver inputs = new(locator, machine);
    private readonly HostProbing probing = new(runners.Nix, log, machine);
    private readonly CandidatePlanner planner = new(log);

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
        if (current is not null && current.IsUpToDate(prepared.Key, prepared.IntermediateDirectory))
        {
            log.LogMessage(LogImportance.Normal, $"CrossSdk: native files of {prepared.ProjectName} are up to date ({current.Files.Count} file(s)); Nix not started.");
            return Succeeded(prepared, current);
        }

        // Multi-TFM projects build their inner builds in parallel: one nix build per project.
        using var projectLock = await FileLock.AcquireAsync(Path.Combine(prepared.IntermediateDirectory, ".lock"), prepared.ProjectName, prepared.LockTimeout, log, cancellation).ConfigureAwait(false);
        if (Manifest.TryRead(prepared.ManifestPath, log) is { } other && other.Key != current?.Key)
        {
            // Another build wrote a manifest while this one waited for the lock.
            var again = prepared.WithInputs(other.Inputs, fromSnapshots: false);
            if (other.IsUpToDate(again.Key, prepared.IntermediateDirectory))
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
        var upload = Caches.CacheTarget.Parse(prepared.CacheUpload, prepared.CacheSigningKeyFile);
        var needsPatchelf = prepared.Portability == PortabilityMode.Rewrite || prepared.Aot;
        var host = await probing.ProbeForPlanningAsync(prepared, cancellation).ConfigureAwait(false);
        var candidates = CandidateSet.For(prepared, host);
        var nix = NixFor(prepared, host, candidates);
        var reads = new NixReads();
        var evaluationStart = DateTime.Now.Ticks;
        var evaluation = await planner.EvaluateAndPlanAsync(nix, prepared, host, candidates, needsPatchelf ? ["patchelf"] : [], prepared.Aot, cancellation, reads: reads).ConfigureAwait(false);
        prepared = Recorded(prepared, reads, evaluationStart);
        foreach (var target in evaluation.Plan.Plans)
        {
            log.LogMessage(LogImportance.High, $"CrossSdk: {target.Describe()}");
            if (prepared.TargetNixpkgs.TryGetValue(target.Target.Rid, out var own))
            {
                log.LogMessage(LogImportance.High, $"CrossSdk: {target.Target.Rid} is built with its own nixpkgs: {own.Description}");
            }
        }

        var outputs = await Realiser.RealiseAsync(nix, evaluation, prepared, log, cancellation).ConfigureAwait(false);
        var manifest = await new Shipper(runners, log).ShipAsync(prepared, outputs, needsPatchelf, cancellation).ConfigureAwait(false);
        Realiser.DropOtherRoots(prepared, outputs.Values);
        if (upload is not null)
        {
            await new Caches.CachePusher(runners.Nix, log).PushAsync(upload, Realiser.RealisedInstallables(evaluation), [], prepared.CacheUploadRequired, cancellation).ConfigureAwait(false);
        }

        return Succeeded(prepared, manifest);
    }

    /// <summary>
    /// The build's one Nix context, made once the host is probed: the nix runner, its version,
    /// flakes, the systems built under QEMU and the caches Nix asks. Every nix call of the
    /// planner and the realiser goes through it.
    /// </summary>
    private NixBuildService NixFor(PreparedBuild prepared, HostCapabilities host, CandidateSet candidates) =>
        new(new NixContext(runners.Nix, host.Nix.Version)
        {
            Flakes = prepared.NeedsFlakes,
            EmulatedSystems = candidates.EmulatedSystems,
            Substituters = host.Substituters,
        }, log);

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
        var inputs = InputSet.FromReads(reads, prepared.IgnoredFolders, prepared.BuildOutputFolders, log);
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
        var path = UpToDateProof.PathIn(prepared.IntermediateDirectory);
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
        var candidates = CandidateSet.For(prepared, host);
        return !candidates.Open
            ? new BuildPlan(host, candidates.Plans)
            : (await planner.EvaluateAndPlanAsync(NixFor(prepared, host, candidates), prepared, host, candidates, [], withBintools: false, cancellation, forBuild: false).ConfigureAwait(false)).Plan;
    }

    /// <summary>The host as probed (for CrossDoctor, which probes even when the request does not resolve).</summary>
    public Task<HostCapabilities> ProbeAsync(HostSettings settings, CancellationToken cancellation) => probing.ProbeAsync(settings, cancellation);

    /// <summary>Whether a store (a builder, a cache) answers; null when it does, else why not.</summary>
    public Task<string?> PingAsync(string store, IReadOnlyList<string> options, CancellationToken cancellation) => new StorePing(runners.Nix).PingAsync(store, options, cancellation);
}
