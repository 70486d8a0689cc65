using System.Security.Cryptography;
using System.Text;
using CrossSdk.Planning;

namespace CrossSdk.Incremental;

/// <summary>
/// The up-to-date key of a project's native build: a hash of everything that can change its
/// result: the settings, and what the last evaluation read (<see cref="InputDigest"/>). It is
/// computed before any nix process starts, so that a no-op build starts none.
/// </summary>
internal static class BuildKey
{
    /// <summary>The inputs, as lines of text; the key is their SHA-256 (the lines are kept for -v:diag).</summary>
    public static IReadOnlyList<string> Describe(
        string crossSdkVersion,
        string nixpkgs,
        IReadOnlyList<(string Rid, string Strategy)> targets,
        IReadOnlyList<PackageSpec> packages,
        IReadOnlyList<string> nixOptions,
        IReadOnlyList<string> inputs,
        IReadOnlyList<string>? settings = null)
    {
        var lines = new List<string>
        {
            $"crosssdk {crossSdkVersion}",
            $"nixpkgs {nixpkgs}",
        };
        lines.AddRange(targets.Select(t => $"target {t.Rid} {t.Strategy}"));
        lines.AddRange(nixOptions.Select(o => $"nix-option {o}"));
        lines.AddRange((settings ?? []).Select(s => $"setting {s}"));
        lines.AddRange(packages.Select(package => $"package {package.Key} {package.Kind} {package.Source} outputs={string.Join(",", package.Outputs)} include={string.Join(",", package.Include)} link={(package.Static ? "static" : "shared")}"));
        lines.AddRange(inputs);
        return lines;
    }

    public static string Compute(IReadOnlyList<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();
}
