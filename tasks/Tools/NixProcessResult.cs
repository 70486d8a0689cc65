namespace CrossSdk.Tools;

/// <summary>What a finished process left behind.</summary>
internal sealed record NixProcessResult(int ExitCode, string StandardOutput);
