using CrossSdk.Platforms;

namespace CrossSdk.Planning;

/// <summary>
/// Which package set of a generated file a plan is: a target's own, or one of `auto`'s candidates
/// for it (its cross or its emulated build), compared with dry runs before one is chosen. A value:
/// plans, attributes and dry runs are matched by it, never by parsing a name.
/// </summary>
/// <param name="Rid">The target, by its RID (one target per RID in a build: <see cref="TargetList"/>).</param>
/// <param name="Candidate">The strategy of a candidate; null for the target's chosen package set.</param>
internal readonly record struct PlanKey(string Rid, Strategy? Candidate)
{
    /// <summary>The target's one package set, named after its RID.</summary>
    public static PlanKey Of(TargetPlatform target) => new(target.Rid, null);

    /// <summary>One of `auto`'s candidates for the target.</summary>
    public static PlanKey CandidateOf(TargetPlatform target, Strategy strategy) => new(target.Rid, strategy);

    /// <summary>The package set's name in generated Nix: "linux-arm64", "linux-arm64-cross", "linux-arm64-emulated".</summary>
    public string Name => Candidate is { } strategy ? $"{Rid}-{strategy.ToText()}" : Rid;

    public override string ToString() => Name;
}
