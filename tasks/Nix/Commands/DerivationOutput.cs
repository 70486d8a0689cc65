namespace CrossSdk.Nix.Commands;

/// <summary>An attribute's derivation and the output it selects.</summary>
internal sealed record DerivationOutput(string DrvPath, string OutputName);
