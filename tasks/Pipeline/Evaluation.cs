using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Pipeline;

/// <summary>A plan and what its one evaluation gave: the file, its attributes and their derivations.</summary>
internal sealed record Evaluation(
    BuildPlan Plan,
    string File,
    GeneratedExpression Expression,
    IReadOnlyDictionary<Installable, EvaluatedOutput?> Attributes)
{
    /// <summary>The attributes of the chosen plans (and the tools): what the build realises.</summary>
    public IEnumerable<KeyValuePair<Installable, EvaluatedOutput?>> Chosen
    {
        get
        {
            var chosen = Plan.Plans.Select(p => p.Key).ToHashSet();
            return Attributes.Where(a => a.Key.Plan is null || chosen.Contains(a.Key.Plan.Key));
        }
    }
}
