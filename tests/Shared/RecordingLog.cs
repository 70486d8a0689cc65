using System.Collections.Concurrent;
using CrossSdk.Diagnostics;

namespace CrossSdk.Tests.Infrastructure;

internal sealed class RecordingLog : ICrossLog
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ConcurrentQueue<(string Code, string Text)> Warnings { get; } = new();

    public ConcurrentQueue<(string Code, string Text)> Errors { get; } = new();

    public void LogMessage(LogImportance importance, string text) => Messages.Enqueue(text);

    /// <summary>Where each warning points (file and line), in the order of <see cref="Warnings"/>.</summary>
    public ConcurrentQueue<(string? File, int Line)> WarningLocations { get; } = new();

    public void LogWarning(string code, string text, string? file = null, int line = 0, int column = 0)
    {
        Warnings.Enqueue((code, text));
        WarningLocations.Enqueue((file, line));
    }

    public void LogError(string code, string text, string? file = null, int line = 0, int column = 0) => Errors.Enqueue((code, text));
}
