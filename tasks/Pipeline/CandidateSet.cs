using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Planning.Choice;

namespace CrossSdk.Pipeline;

/// <summary>
/// What the one evaluation covers: the plans <see cref="Planner"/> fixed without Nix, and for each
/// target `auto` leaves open its cross and its emulated candidate, keyed by (target, strategy). Pure.
/// </summary>
/// <param name="Decided">Each target with its fixed plan, or null where auto compares the candidates.</param>
internal sealed record CandidateSet(IReadOnlyList<(TargetPlatform Target, TargetPlan? Fixed)> Decided)
{
    /// <summary>Every plan the generated file holds: the fixed ones, and both candidates of each open target.</summary>
    public IReadOnlyList<TargetPlan> Plans { get; } = Decided.SelectMany(d => d.Fixed is { } fixedPlan
        ? [fixedPlan]
        : new[]
        {
            new TargetPlan(d.Target, Strategy.Cross, "candidate") { Key = PlanKey.CandidateOf(d.Target, Strategy.Cross) },
            new TargetPlan(d.Target, Strategy.Emulated, "candidate") { Key = PlanKey.CandidateOf(d.Target, Strategy.Emulated) },
        }).ToList();

    /// <summary>Some target's strategy is chosen by dry runs.</summary>
    public bool Open => Decided.Any(d => d.Fixed is null);

    /// <summary>The candidates' keys of the open targets: their evaluation may fail without failing the build.</summary>
    public IReadOnlySet<PlanKey> OpenKeys => Plans.Where(p => p.Key.Candidate is not null).Select(p => p.Key).ToHashSet();

    /// <summary>The systems some plan or candidate builds under QEMU.</summary>
    public IReadOnlyList<string> EmulatedSystems => Plans.Where(p => p.Strategy == Strategy.Emulated).Select(p => p.Target.NixSystem).Distinct().ToList();

    /// <summary>Decides what it can without Nix.</summary>
    public static CandidateSet For(PreparedBuild prepared, HostCapabilities host) =>
        new(prepared.Targets.Select(t => (t.Target, Planner.Plan(t.Target, t.Strategy, host))).ToList());
}
