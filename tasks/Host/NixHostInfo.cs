namespace CrossSdk.Host;

/// <summary>What the host's Nix says about itself.</summary>
/// <param name="Version">The Nix version (Lix and Determinate: the Nix version they track).</param>
/// <param name="VersionText">`nix --version` as printed.</param>
/// <param name="System">Nix's `system` setting: what it builds natively.</param>
/// <param name="ExtraPlatforms">Nix's `extra-platforms`: other systems it will build.</param>
public sealed record NixHostInfo(Version Version, string VersionText, string System, IReadOnlyList<string> ExtraPlatforms);
