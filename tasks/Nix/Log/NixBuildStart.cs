namespace CrossSdk.Nix.Log;

/// <summary>A derivation Nix has started to build: its .drv path, the machine (empty: this one), and the how-manieth build it is.</summary>
internal sealed record NixBuildStart(string DrvPath, string Machine, int Ordinal);
