namespace CrossSdk.Host;

/// <summary>What a finished process left behind.</summary>
public sealed record NixProcessResult(int ExitCode, string StandardOutput);
