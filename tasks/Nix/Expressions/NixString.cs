using System.Text;

namespace CrossSdk.Nix.Expressions;

/// <summary>
/// Turns .NET strings into Nix source text. Every value CrossSdk puts into a generated expression
/// goes through here, so a path or property can never close the string and inject Nix code.
/// </summary>
internal static class NixString
{
    /// <summary>
    /// A double-quoted Nix string literal. Escapes \, ", and the interpolation opener ${
    /// (https://nix.dev/manual/nix/stable/language/syntax#string-literal), and control characters.
    /// </summary>
    public static string Quote(string value)
    {
        var sb = new StringBuilder(value.Length + 2);
        sb.Append('"');
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            switch (c)
            {
                case '\\': sb.Append(@"\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append(@"\n"); break;
                case '\r': sb.Append(@"\r"); break;
                case '\t': sb.Append(@"\t"); break;
                case '$' when i + 1 < value.Length && value[i + 1] == '{': sb.Append(@"\$"); break;
                default: sb.Append(c); break;
            }
        }

        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>
    /// A Nix path value for an absolute file system path. Path literals cannot hold spaces or
    /// quotes, so the path is built from a string: <c>/. + "/dir with space/greet.nix"</c>.
    /// </summary>
    public static string Path(string absolutePath)
    {
        if (!absolutePath.StartsWith('/'))
        {
            throw new ArgumentException($"Expected an absolute path, got '{absolutePath}'.", nameof(absolutePath));
        }

        return $"(/. + {Quote(absolutePath)})";
    }

    /// <summary>An attribute name: bare when it is a plain identifier, else quoted.</summary>
    public static string AttrName(string name) =>
        IsIdentifier(name) ? name : Quote(name);

    /// <summary>Selects an attribute path (a.b.c, each part escaped) from an expression.</summary>
    public static string Select(string expression, IEnumerable<string> attrPath) =>
        expression + string.Concat(attrPath.Select(p => "." + AttrName(p)));

    /// <summary>A Nix identifier: [a-zA-Z_][a-zA-Z0-9_'-]*, and not a keyword.</summary>
    public static bool IsIdentifier(string name) =>
        name.Length > 0
        && (char.IsAsciiLetter(name[0]) || name[0] == '_')
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '\'' or '-')
        && !Keywords.Contains(name);

    private static readonly HashSet<string> Keywords =
        ["if", "then", "else", "assert", "with", "let", "in", "rec", "inherit", "or"];
}
