using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Incremental;
using CrossSdk.Platforms;
using CrossSdk.Tools;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Nix.Log;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;

namespace CrossSdk.Pipeline;

/// <summary>
/// Stages 3 and 4: generates the Nix file of every candidate plan, evaluates it once, and chooses
/// between `auto`'s candidates with dry runs of their derivations (which evaluate nothing). Runs
/// nix only through the build's one <see cref="NixBuildService"/>, which the orchestrator gives it.
/// </summary>
internal sealed class CandidatePlanner(ICrossLog log)
{
    public const string ExpressionFileName = "crosssdk.nix";
    public const string CandidatesFileName = "candidates.nix";
    public const string PlanCandidatesFileName = "plan-candidates.nix";

    /// <summary>
    /// Evaluates ONE generated file holding every candidate: the fixed plans, and for each `auto`
    /// target that could go either way its cross and emulated candidates. The planner then
    /// compares the candidates with dry runs of their derivations, which evaluate nothing. With a
    /// real nixpkgs each evaluating nix process costs seconds, so this is the only one a build starts.
    /// </summary>
    /// <param name="forBuild">
    /// False for CrossPlan and CrossDoctor: they evaluate a file of their own (plan-candidates.nix),
    /// so that they never rewrite the files a build of the same project may be evaluating.
    /// </param>
    /// <param name="reads">Told what Nix reads while it evaluates (a build's up-to-date key covers it).</param>
    public async Task<Evaluation> EvaluateAndPlanAsync(
        NixBuildService nix,
        PreparedBuild prepared,
        HostCapabilities host,
        CandidateSet candidates,
        IReadOnlyList<string> hostTools,
        bool withBintools,
        CancellationToken cancellation,
        bool forBuild = true,
        NixReads? reads = null)
    {
        var file = Path.Combine(prepared.IntermediateDirectory, !forBuild ? PlanCandidatesFileName : candidates.Open ? CandidatesFileName : ExpressionFileName);
        var expression = ExpressionGenerator.Generate(Spec(prepared, host, candidates.Plans, hostTools, withBintools));
        Files.WriteIfChanged(file, expression.Text);
        var openKeys = candidates.OpenKeys;
        var tolerant = expression.Attributes.Where(a => a.Plan is not null && openKeys.Contains(a.Plan.Key)).ToList();
        IReadOnlyDictionary<Installable, EvaluatedOutput?> evaluated;
        try
        {
            evaluated = await nix.EvaluateAsync(file, expression, tolerant, prepared.NixOptions, cancellation, reads).ConfigureAwait(false);
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
        foreach (var (target, fixedPlan) in candidates.Decided)
        {
            if (fixedPlan is not null)
            {
                plans.Add(fixedPlan);
                continue;
            }

            var crossKey = PlanKey.CandidateOf(target, Strategy.Cross);
            var cross = await EstimateAsync(nix, evaluated, crossKey, prepared.NixOptions, cancellation).ConfigureAwait(false);
            if (cross.InStore)
            {
                // Nothing to build or fetch: emulation cannot be cheaper, and needs no dry run.
                plans.Add(new TargetPlan(target, Strategy.Cross, "the cross build's outputs are all in the Nix store already") { Key = crossKey });
                continue;
            }

            var emulation = await EstimateAsync(nix, evaluated, PlanKey.CandidateOf(target, Strategy.Emulated), prepared.NixOptions, cancellation).ConfigureAwait(false);
            var choice = Choose(target, cross, emulation, prepared.EmulationSlowdown, host.RemoteBuilderFor(target), host.Substituters);
            plans.Add(choice with { Key = PlanKey.CandidateOf(target, choice.Strategy) });
        }

        if (candidates.Open && forBuild)
        {
            // The chosen plans as a file of their own, for people and tools (`nix build -f
            // obj/cross/crosssdk.nix`). CrossSdk does not evaluate it again: it builds the
            // derivations the candidates' evaluation gave.
            Files.WriteIfChanged(
                Path.Combine(prepared.IntermediateDirectory, ExpressionFileName),
                ExpressionGenerator.Generate(Spec(prepared, host, plans.Select(p => p with { Key = PlanKey.Of(p.Target) }).ToList(), hostTools, withBintools)).Text);
        }

        return new Evaluation(new BuildPlan(host, plans), file, expression, evaluated);
    }

    /// <summary>The flake nixpkgs a user's setting gave whose address Nix's message names, if any.</summary>
    internal static NixpkgsSource? FetchedNixpkgs(PreparedBuild prepared, string? nixMessage) =>
        nixMessage is null
            ? null
            : new[] { prepared.Nixpkgs }.Concat(prepared.TargetNixpkgs.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => t.Value))
                .FirstOrDefault(n => n is { Setting: not null, Reference: { } reference } && Host.FlakeReferences.IsMentionedIn(nixMessage, reference));

    /// <summary>A candidate's cost: a dry run of its derivations; a candidate that did not evaluate is not an option.</summary>
    private async Task<Estimate> EstimateAsync(NixBuildService nix, IReadOnlyDictionary<Installable, EvaluatedOutput?> evaluated, PlanKey key, IReadOnlyList<string> options, CancellationToken cancellation)
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

    private static ExpressionSpec Spec(PreparedBuild prepared, HostCapabilities host, IReadOnlyList<TargetPlan> plans, IReadOnlyList<string> hostTools, bool withBintools) =>
        new(prepared.Nixpkgs, host.Nix.System, plans, prepared.Packages, prepared.Header)
        {
            HostTools = hostTools,
            WithBintools = withBintools,
            TargetNixpkgs = prepared.TargetNixpkgs,
            RuntimeRoot = prepared.RuntimeRoot,
        };
}
