using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Pipeline;

/// <summary>A plan and what its one evaluation gave: the file, its attributes and their derivations.</summary>
internal sealed record Evaluation(
    BuildPlan Plan,
    string File,
    GeneratedExpression Expression,
    IReadOnlyDictionary<Installable, EvaluatedOutput?> Attributes,
    NixBuildService Nix);
