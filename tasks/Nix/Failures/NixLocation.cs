namespace CrossSdk.Nix.Failures;

/// <summary>A place in a Nix file.</summary>
internal sealed record NixLocation(string File, int Line, int Column);
