using System.Text;

namespace CrossSdk.Nix.Expressions;

/// <summary>
/// Makes the names of the generated file's top-level attributes. They are passed to `nix build`
/// as attribute paths and written into the file, so they are built from a safe alphabet by
/// construction: every character outside [A-Za-z0-9_-] becomes '_' (a '.' would split the
/// attribute path, a '"' or "${" would be Nix code), a name always starts with a letter, and a
/// numeric suffix keeps two sanitized names apart. The real RID or package name never has to be
/// recovered from a name: <see cref="Installable"/> carries them.
/// </summary>
internal sealed class AttributeNames
{
    // Long enough to stay readable in Nix's messages, short enough for any command line.
    private const int MaxPartLength = 48;

    private readonly HashSet<string> taken = new(StringComparer.Ordinal);

    /// <summary>A unique identifier made of the parts, joined by "--".</summary>
    public string Make(params string[] parts)
    {
        var name = string.Join("--", parts.Select(Sanitize));
        if (!char.IsAsciiLetter(name[0]))
        {
            name = "a" + name;
        }

        var candidate = name;
        for (var n = 2; !taken.Add(candidate) || !NixString.IsIdentifier(candidate); n++)
        {
            candidate = $"{name}-{n}";
        }

        return candidate;
    }

    private static string Sanitize(string part)
    {
        var sb = new StringBuilder(Math.Min(part.Length, MaxPartLength));
        foreach (var c in part.Take(MaxPartLength))
        {
            sb.Append(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' ? c : '_');
        }

        return sb.Length == 0 ? "_" : sb.ToString();
    }
}
