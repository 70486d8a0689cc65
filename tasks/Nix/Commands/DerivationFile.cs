using System.Text;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// What a store derivation (.drv, ATerm: <c>Derive([outputs],[inputDrvs],[inputSrcs],"system","builder",[args],[env])</c>)
/// says about its system and outputs. Read from the file itself: the progress lines need the
/// system of every derivation Nix starts, and a `nix show-derivation` per build would cost a process each.
/// </summary>
internal sealed record DerivationFile(string System, IReadOnlyDictionary<string, string> Outputs)
{
    /// <summary>Reads a .drv file; null when it cannot be read or is not a derivation (a store on another machine).</summary>
    public static DerivationFile? TryRead(string drvPath)
    {
        try
        {
            return Parse(File.ReadAllText(drvPath));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return null;
        }
    }

    public static DerivationFile? Parse(string aterm)
    {
        const string Head = "Derive(";
        if (!aterm.StartsWith(Head, StringComparison.Ordinal))
        {
            return null;
        }

        var position = Head.Length - 1;
        if (ReadValue(aterm, ref position) is not List<object> fields || fields.Count < 4 || fields[3] is not string system || fields[0] is not List<object> outputs)
        {
            return null;
        }

        var paths = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var output in outputs)
        {
            if (output is List<object> { Count: >= 2 } o && o[0] is string name && o[1] is string path)
            {
                paths[name] = path;
            }
        }

        return new DerivationFile(system, paths);
    }

    /// <summary>A string, or a list / tuple (both as a list of values); null when malformed.</summary>
    private static object? ReadValue(string s, ref int i)
    {
        if (i >= s.Length)
        {
            return null;
        }

        if (s[i] == '"')
        {
            var text = new StringBuilder();
            for (i++; i < s.Length; i++)
            {
                var c = s[i];
                if (c == '"')
                {
                    i++;
                    return text.ToString();
                }

                if (c == '\\' && i + 1 < s.Length)
                {
                    c = s[++i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other };
                }

                text.Append(c);
            }

            return null;
        }

        if (s[i] is not ('[' or '('))
        {
            return null;
        }

        var close = s[i] == '[' ? ']' : ')';
        var items = new List<object>();
        i++;
        while (i < s.Length && s[i] != close)
        {
            if (ReadValue(s, ref i) is not { } item)
            {
                return null;
            }

            items.Add(item);
            if (i < s.Length && s[i] == ',')
            {
                i++;
            }
        }

        if (i >= s.Length)
        {
            return null;
        }

        i++;
        return items;
    }
}
