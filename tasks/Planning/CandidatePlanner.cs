using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Platforms;
using CrossSdk.Tools;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Log;
using CrossSdk.Pipeline;

namespace CrossSdk.Planning;

/// <summary>
/// Stages 3 and 4: generates the Nix file of every candidate plan, evaluates it once, and chooses
/// between `auto`'s candidates with dry runs of their derivations (which evaluate nothing).
/// </summary>
internal sealed class CandidatePlanner(IToolRunner runner, ICrossLog log)
{
    public const string ExpressionFileName = "crosssdk.nix";
    public const string CandidatesFileName = "candidates.nix";
    public const string PlanCandidatesFileName = "plan-candidates.nix";

    /// <summary>
    /// Decides what it can without Nix, then evaluates ONE generated file holding
    /// every candidate: the fixed plans, and for each `auto` target that could go either way its
    /// cross and emulated candidates. The planner then compares the candidates with dry runs of
    /// their derivations, which evaluate nothing. With a real nixpkgs each evaluating nix process
    /// costs seconds, so this is the only one a build starts.
    /// </summary>
    /// <param name="forBuild">
    /// False for CrossPlan and CrossDoctor: they evaluate a file of their own (plan-candidates.nix),
    /// so that they never rewrite the files a build of the same project may be evaluating.
    /// </param>
    /// <param name="reads">Told what Nix reads while it evaluates (a build's up-to-date key covers it).</param>
    public async Task<Evaluation> EvaluateAndPlanAsync(PreparedBuild prepared, HostCapabilities host, IReadOnlyList<string> hostTools, bool withBintools, CancellationToken cancellation, bool forBuild = true, NixReads? reads = null)
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

        var file = Path.Combine(request.IntermediateDirectory, !forBuild ? PlanCandidatesFileName : open ? CandidatesFileName : ExpressionFileName);
        var expression = Generate(prepared, host, candidates, hostTools, withBintools);
        Files.WriteIfChanged(file, expression.Text);
        var emulated = candidates.Where(p => p.Strategy == Strategy.Emulated).Select(p => p.Target.NixSystem).Distinct().ToList();
        var nix = new NixBuildService(runner, log, host.Nix.Version, emulated, prepared.NeedsFlakes, substituters: host.Substituters);
        var openKeys = decided.Where(d => d.Plan is null).SelectMany(d => new[] { $"{d.Target.Rid}-cross", $"{d.Target.Rid}-emulated" }).ToHashSet(StringComparer.Ordinal);
        var tolerant = expression.Attributes.Where(a => a.Plan is not null && openKeys.Contains(a.Plan.Key)).ToList();
        IReadOnlyDictionary<Installable, EvaluatedOutput?> evaluated;
        try
        {
            evaluated = await nix.EvaluateAsync(file, expression, tolerant, request.NixOptions, cancellation, reads).ConfigureAwait(false);
        }
        catch (CrossException ex) when (ex.Code == DiagnosticCodes.NixNetworkFailed && FetchedNixpkgs(prepared, ex.Detail) is { } source)
        {
            // Evaluation downloads a flake nixpkgs: a reference that names nothing (a 404) reads
            // like the network. Name the setting that gave it.
            throw new CrossException(
                DiagnosticCodes.NixNetworkFailed,
                $"Nix could not fetch {source.Setting} ('{UserText.Display(source.Reference!)}'): {ex.Detail}. " +
                $"Check {source.Setting}: the owner, repository and branch, tag or revision must exist (an HTTP 404 means they do not). If it is right, the network or the forge is unreachable: {ex.Message}",
                inner: ex)
            {
                Detail = ex.Detail,
            };
        }

        var plans = new List<TargetPlan>();
        foreach (var (target, fixedPlan) in decided)
        {
            if (fixedPlan is not null)
            {
                plans.Add(fixedPlan);
                continue;
            }

            var cross = await EstimateAsync(nix, evaluated, $"{target.Rid}-cross", request.NixOptions, cancellation).ConfigureAwait(false);
            if (cross.InStore)
            {
                // Nothing to build or fetch: emulation cannot be cheaper, and needs no dry run.
                plans.Add(new TargetPlan(target, Strategy.Cross, "the cross build's outputs are all in the Nix store already") { Key = $"{target.Rid}-cross" });
                continue;
            }

            var emulation = await EstimateAsync(nix, evaluated, $"{target.Rid}-emulated", request.NixOptions, cancellation).ConfigureAwait(false);
            var choice = Choose(target, cross, emulation, request.EmulationSlowdown, host.RemoteBuilderFor(target), host.Substituters);
            plans.Add(choice with { Key = $"{target.Rid}-{choice.Strategy.ToText()}" });
        }

        if (open && forBuild)
        {
            // The chosen plans as a file of their own, for people and tools (`nix build -f
            // obj/cross/crosssdk.nix`). CrossSdk does not evaluate it again: it builds the
            // derivations the candidates' evaluation gave.
            Files.WriteIfChanged(
                Path.Combine(request.IntermediateDirectory, ExpressionFileName),
                Generate(prepared, host, plans.Select(p => p with { Key = p.Target.Rid }).ToList(), hostTools, withBintools).Text);
        }

        return new Evaluation(new BuildPlan(host, plans), file, expression, evaluated, nix);
    }

    /// <summary>The flake nixpkgs a user's setting gave whose address Nix's message names, if any.</summary>
    internal static NixpkgsSource? FetchedNixpkgs(PreparedBuild prepared, string? nixMessage) =>
        nixMessage is null
            ? null
            : new[] { prepared.Nixpkgs }.Concat(prepared.TargetNixpkgs.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value))
                .FirstOrDefault(n => n is { Setting: not null, Reference: { } reference } && Host.FlakeReferences.IsMentionedIn(nixMessage, reference));

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

        // Every output already in the store (a warm build, or obj/ wiped): free, and known without a process.
        if (attributes.All(a => Directory.Exists(a.Value!.OutPath) || File.Exists(a.Value!.OutPath)))
        {
            return new Estimate(new CostEstimate(0, 0), null) { InStore = true };
        }

        // A dry run that fails (a substituter down, the daemon gone) is not a reason to switch
        // strategy: it fails the build with Nix's own error. Only a candidate that does not
        // evaluate is ruled out (above).
        return new Estimate(await nix.DryRunAsync(attributes.Select(a => a.Value!.Output), options, cancellation).ConfigureAwait(false), null);
    }

    private sealed record Estimate(CostEstimate? Cost, string? Error)
    {
        /// <summary>All of the candidate's outputs are in the store: nothing to build or fetch.</summary>
        public bool InStore { get; init; }
    }

    private static TargetPlan Choose(TargetPlatform target, Estimate cross, Estimate emulated, double slowdown, BuilderMachine? remote, IReadOnlyList<string> caches) => (cross.Cost, emulated.Cost) switch
    {
        ({ } c, { } e) => Planner.Decide(target, c, e, slowdown, remote, caches),
        ({ }, null) => new TargetPlan(target, Strategy.Cross, $"the emulated build does not evaluate: {emulated.Error}"),
        (null, { }) => new TargetPlan(target, Strategy.Emulated, $"the cross build does not evaluate: {cross.Error}"),
        _ => new TargetPlan(target, Strategy.Cross, "neither a cross nor an emulated build evaluates; the build will show why"),
    };

    private static GeneratedExpression Generate(PreparedBuild prepared, HostCapabilities host, IReadOnlyList<TargetPlan> plans, IReadOnlyList<string>? hostTools = null, bool withBintools = false) =>
        ExpressionGenerator.Generate(
            prepared.Nixpkgs,
            host.Nix.System,
            plans,
            prepared.Packages,
            Header(prepared.Request),
            hostTools,
            withBintools,
            prepared.TargetNixpkgs,
            prepared.Request.RunRid is { } runRid ? new RuntimeRootSpec(runRid, prepared.Request.RunIcu) : null);

    /// <summary>The generated file's header comment (the project name is the user's: the generator makes it comment text).</summary>
    internal static string Header(CrossBuildRequest request) =>
        $"Generated by CrossSdk {request.CrossSdkVersion} for {request.ProjectName}. Do not edit: it is rewritten by every build that needs Nix.";
}
