using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrossSdk.Nix;

/// <summary>One line of `--log-format internal-json` (https://github.com/NixOS/nix/blob/master/src/libutil/logging.cc).</summary>
public abstract record NixLogEvent
{
    /// <summary>A message: level 0 error, 1 warn, 2 notice, 3 info, 4 talkative, 5 chatty, 6 debug, 7 vomit.</summary>
    public sealed record Message(int Level, string Text, string? File, int Line, int Column) : NixLogEvent;

    public sealed record Started(long Id, int Type, string Text, IReadOnlyList<JsonElement> Fields) : NixLogEvent;

    public sealed record Result(long Id, int Type, IReadOnlyList<JsonElement> Fields) : NixLogEvent;

    public sealed record Stopped(long Id) : NixLogEvent;

    /// <summary>A line that is not internal-json (some messages bypass the logger).</summary>
    public sealed record Plain(string Text) : NixLogEvent;
}

/// <summary>
/// Activity and result types of Nix's logger that CrossSdk reads: the ActivityType and ResultType
/// enums of src/libutil/logging.hh, unchanged from 2.4 to 2.3x and in Lix.
/// </summary>
public static class NixActivityType
{
    /// <summary>One store path copied into the store (fields: path, from, to); progress in bytes.</summary>
    public const int CopyPath = 100;

    /// <summary>One download (field: URL); progress in bytes.</summary>
    public const int FileTransfer = 101;

    /// <summary>The whole realisation; its results set the expected totals of the other types.</summary>
    public const int Realise = 102;

    /// <summary>All substitutions; progress counts paths.</summary>
    public const int CopyPaths = 103;

    /// <summary>All builds; progress counts derivations.</summary>
    public const int Builds = 104;

    /// <summary>One derivation built (fields: drv path, machine or "", round, rounds).</summary>
    public const int Build = 105;

    /// <summary>One path fetched from a substituter (fields: path, substituter URI).</summary>
    public const int Substitute = 108;

    public const int ResultBuildLogLine = 101;

    /// <summary>The builder's current phase (field: phase name), from nixpkgs' setup.sh.</summary>
    public const int ResultSetPhase = 104;

    /// <summary>Fields [done, expected, running, failed] of the activity.</summary>
    public const int ResultProgress = 105;

    /// <summary>Fields [activity type, expected]: the total of that type this activity expects.</summary>
    public const int ResultSetExpected = 106;
}

public static partial class NixLogParser
{
    private const string Prefix = "@nix ";

    /// <summary>Parses one stderr line. Never throws: unreadable JSON comes back as <see cref="NixLogEvent.Plain"/>.</summary>
    public static NixLogEvent Parse(string line)
    {
        if (!line.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return new NixLogEvent.Plain(StripAnsi(line));
        }

        try
        {
            using var doc = JsonDocument.Parse(line.AsMemory(Prefix.Length));
            var root = doc.RootElement;
            var action = root.GetProperty("action").GetString();
            switch (action)
            {
                case "msg":
                    return new NixLogEvent.Message(
                        Int(root, "level"),
                        CleanMessage(Str(root, "msg") ?? ""),
                        Str(root, "file"),
                        Int(root, "line"),
                        Int(root, "column"));
                case "start":
                    return new NixLogEvent.Started(root.GetProperty("id").GetInt64(), Int(root, "type"), StripAnsi(Str(root, "text") ?? ""), Fields(root));
                case "result":
                    return new NixLogEvent.Result(root.GetProperty("id").GetInt64(), Int(root, "type"), Fields(root));
                case "stop":
                    return new NixLogEvent.Stopped(root.GetProperty("id").GetInt64());
            }
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            // Fall through: show the line as it is rather than lose it.
        }

        return new NixLogEvent.Plain(StripAnsi(line));
    }

    /// <summary>Nix colours its messages even in JSON logs.</summary>
    public static string StripAnsi(string text) => AnsiEscape().Replace(text, "");

    /// <summary>Removes colours and the leading "error: " that MSBuild adds itself.</summary>
    public static string CleanMessage(string text)
    {
        var clean = StripAnsi(text).Trim();
        foreach (var prefix in new[] { "error:", "warning:" })
        {
            if (clean.StartsWith(prefix, StringComparison.Ordinal))
            {
                clean = clean[prefix.Length..].TrimStart();
            }
        }

        return clean;
    }

    /// <summary>
    /// The first paragraph of a Nix error: the message without the source excerpt and trace that
    /// follow it (the excerpt is for terminals; MSBuild gets file and line instead).
    /// </summary>
    public static string Headline(string message)
    {
        var end = message.IndexOf("\n\n", StringComparison.Ordinal);
        var first = end < 0 ? message : message[..end];
        return WhiteSpace().Replace(first, " ").Trim();
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;

    private static int Int(JsonElement e, string name) =>
        e.TryGetProperty(name, out var p) && p.ValueKind == JsonValueKind.Number ? p.GetInt32() : 0;

    private static List<JsonElement> Fields(JsonElement e) =>
        e.TryGetProperty("fields", out var p) && p.ValueKind == JsonValueKind.Array
            ? p.EnumerateArray().Select(x => x.Clone()).ToList()
            : [];

    [GeneratedRegex(@"\x1B\[[0-9;?]*[A-Za-z]")]
    private static partial Regex AnsiEscape();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
