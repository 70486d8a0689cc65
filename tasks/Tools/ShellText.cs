using System.Text;

namespace CrossSdk.Tools;

/// <summary>
/// The one way a value enters a script CrossSdk writes (run.sh, the NativeAOT compiler wrapper):
/// as a single-quoted word, in which sh expands nothing (no $(...), no backquotes, no $VAR, no
/// backslash), with each ' written as '\''. A comment line gets the value with its line breaks
/// and other control characters replaced, so that no value can end the comment and start a
/// command. Pure.
/// </summary>
internal static class ShellText
{
    /// <summary>The value as one sh word that stands for exactly that text.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    /// <summary>The value for a `#` comment: control characters (a line break ends a comment) become '?'.</summary>
    public static string Comment(string value)
    {
        var sb = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            sb.Append(char.IsControl(c) ? '?' : c);
        }

        return sb.ToString();
    }
}
