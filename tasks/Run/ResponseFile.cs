using System.Text;

namespace CrossSdk.Run;

/// <summary>
/// The response file of a `dotnet publish` CrossSdk starts in a process of its own: the build's
/// global properties (what the user gave with -p:, which an MSBuild task would have passed on),
/// less those that must not reach it, plus the run target's. Values are MSBuild-escaped, so a
/// ';' or ',' in them (CrossTargets) arrives as it was. Pure.
/// </summary>
internal static class ResponseFile
{
    public static string Text(string project, IReadOnlyDictionary<string, string> globalProperties, IReadOnlyDictionary<string, string> properties, IReadOnlyCollection<string> removed)
    {
        var sb = new StringBuilder();
        sb.AppendLine(Quote(project));
        var all = globalProperties
            .Where(p => !removed.Contains(p.Key, StringComparer.OrdinalIgnoreCase) && !properties.ContainsKey(p.Key))
            .Concat(properties)
            .OrderBy(p => p.Key, StringComparer.Ordinal);
        foreach (var (name, value) in all)
        {
            sb.AppendLine($"-p:{name}={Escape(value)}");
        }

        return sb.ToString();
    }

    /// <summary>MSBuild's escaping (%XX) of the characters its command line splits or interprets.</summary>
    public static string Escape(string value)
    {
        var sb = new StringBuilder();
        foreach (var c in value)
        {
            sb.Append(c is '%' or ';' or ',' or '"' or '\'' or '$' or '@' or '(' or ')' or '*' or '?' or ' ' or '\t' or '\r' or '\n'
                ? $"%{(int)c:X2}"
                : c.ToString());
        }

        return sb.ToString();
    }

    private static string Quote(string path) => "\"" + path.Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
