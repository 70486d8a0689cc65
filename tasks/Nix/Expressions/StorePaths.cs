using System.Text.RegularExpressions;

namespace CrossSdk.Nix.Expressions;

internal partial class StorePaths
{
    /// <summary>The name part of a store path: /nix/store/&lt;hash&gt;-greet-1.0.drv -> greet-1.0.</summary>
    public static string NameOf(string storePath)
    {
        var file = Path.GetFileName(storePath);
        var dash = file.IndexOf('-', StringComparison.Ordinal);
        var name = dash == 32 ? file[(dash + 1)..] : file;
        return name.EndsWith(".drv", StringComparison.Ordinal) ? name[..^4] : name;
    }

    /// <summary>Every .drv path a text mentions, in order.</summary>
    public static IEnumerable<string> DerivationsIn(string text) =>
        DrvPath().Matches(text).Select(m => m.Value);

    [GeneratedRegex(@"/nix/store/[0-9a-z]{32}-[^'""\s`]+?\.drv")]
    private static partial Regex DrvPath();
}
