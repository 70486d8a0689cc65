using System.Globalization;
using System.Text.RegularExpressions;
using CrossSdk.Nix.Log;

namespace CrossSdk.Nix.Failures;

/// <summary>
/// Finds where an evaluation error happened when Nix's message has no position of its own. Nix 2.8
/// gives a `throw` or `abort` no position; with --show-trace (CrossSdk passes it when it
/// evaluates) the message carries trace frames, innermost first:
/// "… while evaluating anonymous lambda\n\n       at /src/native/greet.nix:1:1:" (2.8, seen here);
/// later versions print the same "at FILE:LINE:COL:" lines (src/libutil/error.cc, showErrorInfo),
/// from 2.13 with "… while calling the 'throw' builtin" at the throw itself.
/// </summary>
internal partial class EvaluationLocation
{
    /// <summary>
    /// The frame to point at: the first in one of the package files; else the first outside the
    /// generated file; else the first. Null when the message names no place.
    /// </summary>
    public static NixLocation? Find(string message, string? generatedFile, IReadOnlyCollection<string> packageFiles)
    {
        var frames = Frames(message).ToList();
        return frames.FirstOrDefault(f => packageFiles.Contains(f.File))
            ?? frames.FirstOrDefault(f => f.File != generatedFile)
            ?? frames.FirstOrDefault();
    }

    public static IEnumerable<NixLocation> Frames(string message)
    {
        foreach (Match m in At().Matches(NixLogParser.StripAnsi(message)))
        {
            yield return new NixLocation(
                m.Groups["file"].Value,
                int.Parse(m.Groups["line"].Value, CultureInfo.InvariantCulture),
                int.Parse(m.Groups["column"].Value, CultureInfo.InvariantCulture));
        }
    }

    // "at /a b/greet.nix:3:5:" at the start of a line (indented); paths may hold spaces and colons.
    [GeneratedRegex(@"^[ \t]*at (?:«[^»]*»)?(?<file>/.+?):(?<line>\d+):(?<column>\d+):?[ \t]*$", RegexOptions.Multiline)]
    private static partial Regex At();
}
