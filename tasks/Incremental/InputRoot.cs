namespace CrossSdk.Incremental;

/// <summary>A file or folder the evaluation read; <paramref name="StorePath"/> is Nix's copy of it when Nix copied it as a source.</summary>
internal sealed record InputRoot(string Path, string? StorePath = null);
