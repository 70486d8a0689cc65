using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrossSdk.Nix.Log;

internal partial class NixLogParser
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
