using System.Globalization;
using System.Text;
using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;

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

    /// <summary>
    /// Why a forge reference (github:, gitlab:, sourcehut:) cannot be fetched as written, or null
    /// (also for every other kind: Nix judges those). OWNER and REPO are names of the forge; the
    /// optional third part a branch, tag or revision; query parameters (?ref=, ?rev=, ?dir=,
    /// ?host=) as Nix reads them. Characters no forge name or git ref holds (spaces, quotes, $,
    /// braces, backslashes...) would reach the forge as a URL Nix cannot download, which reads
    /// like a network failure. Pure.
    /// </summary>
    public static string? Problem(string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        var scheme = colon > 0 ? reference[..colon] : "";
        if (scheme is not ("github" or "gitlab" or "sourcehut"))
        {
            return null;
        }

        var rest = reference[(colon + 1)..];
        var query = rest.IndexOf('?', StringComparison.Ordinal);
        var path = query < 0 ? rest : rest[..query];
        if (path.FirstOrDefault(c => !IsRefChar(c)) is var bad && bad != default)
        {
            return $"'{Describe(bad)}' is not allowed in a {scheme}: reference (letters, digits and . _ - + ~ / %XX only)";
        }

        if (query >= 0 && rest[(query + 1)..].FirstOrDefault(c => !IsRefChar(c) && c is not ('=' or '&')) is var badQuery && badQuery != default)
        {
            return $"'{Describe(badQuery)}' is not allowed in its query (name=value pairs joined by &)";
        }

        var parts = path.Split('/');
        if (parts.Length is < 2 or > 3 || parts.Any(p => p.Length == 0))
        {
            return $"a {scheme}: reference is {scheme}:OWNER/REPO or {scheme}:OWNER/REPO/REF, and '{path}' has {parts.Count(p => p.Length > 0)} part(s)";
        }

        return null;
    }

    private static bool IsRefChar(char c) => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '+' or '~' or '/' or '%';

    private static string Describe(char c) => char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : c.ToString();

    /// <summary>
    /// Whether Nix's message is about fetching this reference: a forge reference's OWNER/REPO in
    /// the URL Nix downloads, or any other reference's address (its transport prefix and query
    /// dropped). Pure.
    /// </summary>
    public static bool IsMentionedIn(string message, string reference)
    {
        var colon = reference.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0)
        {
            return false;
        }

        var scheme = reference[..colon];
        var rest = reference[(colon + 1)..].Split('?')[0];
        if (scheme is "github" or "gitlab" or "sourcehut")
        {
            var parts = rest.Split('/');
            return parts.Length >= 2 && message.Contains($"/{parts[0]}/{parts[1]}", StringComparison.OrdinalIgnoreCase);
        }

        var address = scheme.Contains('+', StringComparison.Ordinal) ? reference[(scheme.IndexOf('+', StringComparison.Ordinal) + 1)..].Split('?')[0] : reference.Split('?')[0];
        return address.Length > 0 && message.Contains(address, StringComparison.Ordinal);
    }

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

        return $"(builtins.getFlake {Literal(r)}).outPath";
    }

    /// <summary>
    /// A string for the generated Nix. One that holds a URL credential (a token in a git+https
    /// flake reference, a password in a locked tarball URL) is not written into the file, which
    /// lives under obj/: the expression reads it from an environment variable named after its
    /// slow hash, which CrossSdk sets in its own process, so the nix it starts inherits it.
    /// `nix eval -f`/`nix build -f` evaluate impurely, so builtins.getEnv sees it.
    /// </summary>
    public static string Literal(string value)
    {
        if (!Secrets.HasSecret(value))
        {
            return NixString.Quote(value);
        }

        var name = Secrets.EnvironmentName(value);
        Environment.SetEnvironmentVariable(name, value);
        return $"(builtins.getEnv {NixString.Quote(name)})";
    }

    /// <summary>`(builtins.fetchTree { ... }).outPath` with every value escaped.</summary>
    public static string FetchTree(IReadOnlyDictionary<string, object> attrs)
    {
        var sb = new StringBuilder("(builtins.fetchTree {");
        foreach (var (name, value) in attrs.OrderBy(a => a.Key, StringComparer.Ordinal))
        {
            var nix = value switch
            {
                string s => Literal(s),
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
