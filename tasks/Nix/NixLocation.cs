namespace CrossSdk.Nix;

/// <summary>A place in a Nix file.</summary>
public sealed record NixLocation(string File, int Line, int Column);
