using System.Text.RegularExpressions;

namespace CrossSdk.Nix.Commands;

/// <summary>Parses `nix --version` of every flavour.</summary>
internal static class NixVersion
{
    public static readonly Version Minimum = new(2, 8);

    private static readonly Regex VersionNumber = new(@"\d+\.\d+(\.\d+)?", RegexOptions.CultureInvariant);

    /// <summary>
    /// The Nix version: the last version number in the text. Nix prints "nix (Nix) 2.8.0",
    /// Lix "nix (Lix, like Nix) 2.93.0", Determinate "nix (Determinate Nix 3.6.2) 2.29.0".
    /// </summary>
    public static Version? Parse(string versionOutput)
    {
        var matches = VersionNumber.Matches(versionOutput);
        return matches.Count == 0 ? null : Version.Parse(matches[matches.Count - 1].Value);
    }
}
