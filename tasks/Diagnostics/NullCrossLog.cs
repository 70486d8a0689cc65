namespace CrossSdk.Diagnostics;

/// <summary>A log that drops everything: for nix calls whose output matters only when they fail.</summary>
internal sealed class NullCrossLog : ICrossLog
{
    public static NullCrossLog Instance { get; } = new();

    public void LogMessage(LogImportance importance, string text)
    {
    }

    public void LogWarning(string code, string text, string? file = null, int line = 0, int column = 0)
    {
    }

    public void LogError(string code, string text, string? file = null, int line = 0, int column = 0)
    {
    }
}
