namespace CrossSdk.Nix.Commands;

/// <summary>What the one evaluation says of an attribute: its derivation, the output it selects, and that output's store path.</summary>
internal sealed record EvaluatedOutput(string DrvPath, string OutputName, string OutPath)
{
    public DerivationOutput Output => new(DrvPath, OutputName);
}
