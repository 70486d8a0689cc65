using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Nix;

namespace CrossSdk.Host;

/// <summary>
/// nixpkgs from flakes: a flake reference in CrossNixpkgs, or the <c>nixpkgs</c> input locked in
/// the project's flake.lock. Pure. Nix 2.8's fetchTree takes attribute sets (a URL string was
/// read as a file URL there), so references are turned into fetchTree attributes where the form
/// is known, and passed to builtins.getFlake otherwise.
/// </summary>
internal static class FlakeReferences
{
    /// <summary>Whether CrossNixpkgs looks like a flake reference (github:o/r, path:/x, git+https://...).</summary>
    public static bool IsFlakeReference(string value) =>
        value.Length > 2 && char.IsAsciiLetter(value[0]) && value.IndexOf(':', StringComparison.Ordinal) is > 1 and var colon
        && value[..colon].All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '.' or '-');

    /// <summary>The folder of a local `path:` flake reference (its query left out); null for any other.</summary>
    public static string? LocalPath(string reference) =>
        reference.Trim() is var r && r.StartsWith("path:", StringComparison.Ordinal) ? r["path:".Length..].Split('?')[0] : null;

    /// <summary>The Nix expression for the source tree of a flake reference.</summary>
    public static string ToNix(string reference)
    {
        var r = reference.Trim();
        if (r.StartsWith("path:", StringComparison.Ordinal))
        {
            var path = r["path:".Length..].Split('?')[0];
            return FetchTree(new Dictionary<string, object> { ["type"] = "path", ["path"] = path });
        }

        if (r.StartsWith("github:", StringComparison.Ordinal) && r["github:".Length..].Split('?')[0].Split('/') is { Length: >= 2 and <= 3 } parts)
        {
            var attrs = new Dictionary<string, object> { ["type"] = "github", ["owner"] = parts[0], ["repo"] = parts[1] };
            if (parts.Length == 3)
            {
                attrs["ref"] = parts[2];
            }

            return FetchTree(attrs);
        }

        return $"(builtins.getFlake {NixString.Quote(r)}).outPath";
    }

    /// <summary>`(builtins.fetchTree { ... }).outPath` with every value escaped.</summary>
    public static string FetchTree(IReadOnlyDictionary<string, object> attrs)
    {
        var sb = new StringBuilder("(builtins.fetchTree {");
        foreach (var (name, value) in attrs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var nix = value switch
            {
                string s => NixString.Quote(s),
                long n => n.ToString(CultureInfo.InvariantCulture),
                bool b => b ? "true" : "false",
                _ => throw new ArgumentException($"Unsupported value for {name}.", nameof(attrs)),
            };
            sb.Append(' ').Append(NixString.AttrName(name)).Append(" = ").Append(nix).Append(';');
        }

        return sb.Append(" }).outPath").ToString();
    }

    /// <summary>
    /// The locked attributes of the root's <c>nixpkgs</c> input of a flake.lock (following
    /// "follows" paths), or null when it has none.
    /// </summary>
    public static IReadOnlyDictionary<string, object>? LockedNixpkgs(string lockJson, string lockFile, string inputName = "nixpkgs")
    {
        try
        {
            using var doc = JsonDocument.Parse(lockJson);
            var nodes = doc.RootElement.GetProperty("nodes");
            var root = nodes.GetProperty(doc.RootElement.GetProperty("root").GetString()!);
            if (!root.TryGetProperty("inputs", out var inputs) || !inputs.TryGetProperty(inputName, out var input))
            {
                return null;
            }

            var node = Resolve(nodes, root, input);
            var locked = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var p in nodes.GetProperty(node).GetProperty("locked").EnumerateObject())
            {
                locked[p.Name] = p.Value.ValueKind switch
                {
                    JsonValueKind.String => p.Value.GetString()!,
                    JsonValueKind.Number => p.Value.GetInt64(),
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw new InvalidDataException($"unexpected value of locked.{p.Name}"),
                };
            }

            return locked;
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or InvalidDataException)
        {
            throw new CrossException(
                DiagnosticCodes.NixpkgsNotFound,
                $"{lockFile} could not be read for its nixpkgs input ({ex.Message}). Run `nix flake lock`, or set CrossNixpkgs to choose nixpkgs yourself.",
                lockFile);
        }
    }

    /// <summary>The names of the root's inputs of a flake.lock (for a message that names the ones there are).</summary>
    public static IReadOnlyList<string> RootInputs(string lockJson, string lockFile)
    {
        try
        {
            using var doc = JsonDocument.Parse(lockJson);
            var root = doc.RootElement.GetProperty("nodes").GetProperty(doc.RootElement.GetProperty("root").GetString()!);
            return root.TryGetProperty("inputs", out var inputs) ? inputs.EnumerateObject().Select(p => p.Name).ToList() : [];
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new CrossException(DiagnosticCodes.NixpkgsNotFound, $"{lockFile} could not be read for its inputs ({ex.Message}). Run `nix flake lock`.", lockFile);
        }
    }

    // An input is a node name, or a "follows" path of input names from the root.
    private static string Resolve(JsonElement nodes, JsonElement root, JsonElement input)
    {
        if (input.ValueKind == JsonValueKind.String)
        {
            return input.GetString()!;
        }

        var current = root;
        var name = "";
        foreach (var step in input.EnumerateArray())
        {
            name = Resolve(nodes, root, current.GetProperty("inputs").GetProperty(step.GetString()!));
            current = nodes.GetProperty(name);
        }

        return name;
    }
}
