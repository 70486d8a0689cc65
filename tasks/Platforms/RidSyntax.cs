using CrossSdk.Diagnostics;

namespace CrossSdk.Platforms;

/// <summary>
/// The grammar of a .NET RID as CrossSdk accepts it: letters, digits, '-' and '.'
/// (https://learn.microsoft.com/dotnet/core/rid-catalog: `linux-arm64`, `ubuntu.20.04-arm64`).
/// A RID names folders (obj/cross/out/&lt;rid&gt;/, runtimes/&lt;rid&gt;/native/), so nothing else may
/// pass: no '/', no "..", no quotes, nothing Nix or a shell could read as code.
/// </summary>
internal static class RidSyntax
{
    private const int MaxLength = 100;

    public static bool IsValid(string rid) =>
        rid.Length is > 0 and <= MaxLength
        && char.IsAsciiLetterOrDigit(rid[0])
        && rid.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '.')
        && !rid.Contains("..", StringComparison.Ordinal);

    /// <summary>The RID, trimmed, or CROSS0030 naming where it came from.</summary>
    public static string Validate(string rid, string source)
    {
        var trimmed = rid.Trim();
        if (IsValid(trimmed))
        {
            return trimmed;
        }

        throw new CrossException(
            DiagnosticCodes.InvalidRid,
            $"{source} '{UserText.Display(rid)}' is not a .NET RID: a RID is letters, digits, '-' and '.' (linux-arm64, ubuntu.20.04-arm64), at most {MaxLength} characters. " +
            "It names the runtimes/<rid>/native/ folder the target's files ship in; fix the value.");
    }
}
