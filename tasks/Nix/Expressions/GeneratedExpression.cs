namespace CrossSdk.Nix.Expressions;

/// <summary>The text of a generated Nix file and the attributes it defines.</summary>
internal sealed record GeneratedExpression(string Text, IReadOnlyList<Installable> Attributes);
