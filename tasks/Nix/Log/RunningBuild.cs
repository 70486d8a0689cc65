namespace CrossSdk.Nix.Log;

/// <summary>A build that runs now, for how long, and in which phase (when the builder reports phases, as nixpkgs' setup.sh does).</summary>
/// <param name="LastLine">The last line its builder printed, as Nix's progress bar shows it.</param>
internal sealed record RunningBuild(string DrvPath, string Machine, string? Phase, TimeSpan Elapsed, string? LastLine = null);
