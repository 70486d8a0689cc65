using System.Security.Cryptography;
using System.Text;
using CrossSdk.Planning;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CrossSdk.Incremental;

/// <summary>
/// The up-to-date key of a project's native build: a hash of everything that can change its
/// result. It is computed before any nix process starts, so that a no-op build starts none.
/// </summary>
public static class BuildKey
{
    /// <summary>The inputs, as lines of text; the key is their SHA-256 (the lines are kept for -v:diag).</summary>
    public static IReadOnlyList<string> Describe(
        string crossSdkVersion,
        string nixpkgs,
        IReadOnlyList<(string Rid, string Strategy)> targets,
        IReadOnlyList<PackageSpec> packages,
        IReadOnlyList<string> nixOptions,
        IReadOnlyList<string> extraInputs,
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
        foreach (var package in packages)
        {
            lines.Add($"package {package.Key} {package.Kind} {package.Source} outputs={string.Join(",", package.Outputs)} include={string.Join(",", package.Include)}");
            if (package.SourceFolder is { } folder)
            {
                lines.AddRange(FolderFiles(folder).Select(f => $"file {f} {HashFile(f)}"));
            }
        }

        lines.AddRange(extraInputs.Select(f => File.Exists(f) ? $"input {f} {HashFile(f)}" : $"input {f} missing"));
        return lines;
    }

    public static string Compute(IReadOnlyList<string> lines) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(string.Join("\n", lines)))).ToLowerInvariant();

    /// <summary>Every file under a package's folder, except build outputs (bin/, obj/) and Nix result links.</summary>
    public static IReadOnlyList<string> FolderFiles(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var matcher = new Matcher(StringComparison.Ordinal);
        matcher.AddInclude("**/*");
        matcher.AddExcludePatterns(["**/bin/**", "**/obj/**", "**/.git/**", "**/result", "**/result-*"]);
        return matcher.GetResultsInFullPath(folder).OrderBy(f => f, StringComparer.Ordinal).ToList();
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
