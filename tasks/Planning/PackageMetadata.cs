using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

/// <summary>
/// Checks the CrossPackage metadata that has a grammar before any of it reaches generated Nix or
/// a path: output names (Nix's) and Collect globs (relative, inside the output).
/// </summary>
internal static class PackageMetadata
{
    /// <summary>
    /// Nix's grammar for an output name: the characters of a store path name
    /// (https://nix.dev/manual/nix/stable/store/store-path: [A-Za-z0-9+-._?=]), not starting with
    /// '.', and not "drv", which Nix rejects ("invalid derivation output name 'drv'").
    /// </summary>
    public static bool IsOutputName(string name) =>
        name.Length is > 0 and <= 64
        && name[0] != '.'
        && name != "drv"
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '+' or '-' or '.' or '_' or '?' or '=');

    public static IReadOnlyList<string> ValidOutputs(IReadOnlyList<string> outputs, string itemSpec)
    {
        foreach (var output in outputs.Where(o => !IsOutputName(o)))
        {
            throw new CrossException(
                DiagnosticCodes.InvalidOutputName,
                $"CrossPackage '{UserText.Display(itemSpec)}' has Outputs '{UserText.Display(output)}', which is not a Nix output name " +
                "(letters, digits and + - . _ ? =, such as out, lib or dev). List the derivation outputs to collect from, separated by ';'.");
        }

        return outputs;
    }

    /// <summary>Collect globs are relative to each output: no absolute path, no '..' climbing out of it, no control characters.</summary>
    public static IReadOnlyList<string> ValidInclude(IReadOnlyList<string> globs, string itemSpec)
    {
        foreach (var glob in globs)
        {
            var parts = glob.Replace('\\', '/').Split('/');
            if (glob.StartsWith('/') || glob.StartsWith('\\') || parts.Contains("..") || glob.Any(char.IsControl))
            {
                throw new CrossException(
                    DiagnosticCodes.InvalidIncludeGlob,
                    $"CrossPackage '{UserText.Display(itemSpec)}' has Collect '{UserText.Display(glob)}': Collect globs are relative to each package output " +
                    "(lib/**/*.so*, bin/*) and may not be absolute or contain '..'. Fix the glob.");
            }
        }

        return globs;
    }
}
