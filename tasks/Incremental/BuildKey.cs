using System.Security.Cryptography;
using System.Text;
using CrossSdk.Planning;
using Microsoft.Extensions.FileSystemGlobbing;

namespace CrossSdk.Incremental;

/// <summary>
/// The up-to-date key of a project's native build: a hash of everything that can change its
/// result. It is computed before any nix process starts, so that a no-op build starts none.
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
            lines.Add($"package {package.Key} {package.Kind} {package.Source} outputs={string.Join(",", package.Outputs)} include={string.Join(",", package.Include)} link={(package.Static ? "static" : "shared")}");
            if (package.SourceFolder is { } folder)
            {
                lines.AddRange(FolderFiles(folder).Select(f => $"file {f} {HashEntry(f)}"));
            }
        }

        foreach (var input in extraInputs)
        {
            // A CrossInput may name a folder: each file below it counts (.git excepted).
            lines.AddRange(
                File.Exists(input) ? [$"input {input} {HashFile(input)}"]
                : Directory.Exists(input) ? UpToDateProof.Glob(input, buildFolder: false).Order(StringComparer.Ordinal).Select(f => $"input {f} {HashEntry(f)}")
                : [$"input {input} missing"]);
        }
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
        // A project's build outputs when the package lives in the project folder (bin/, obj/ at
        // the top only: a source tree may have a bin/ of its own, as Rust's src/bin/ is), and
        // `nix-build`'s result links into the store (a source file may be called result-codes.h).
        matcher.AddExcludePatterns(["bin/**", "obj/**", "**/.git/**"]);
        return matcher.GetResultsInFullPath(folder)
            .Where(f => !(Path.GetFileName(f).StartsWith("result", StringComparison.Ordinal) && new FileInfo(f).LinkTarget is { } target && target.StartsWith("/nix/store/", StringComparison.Ordinal)))
            .OrderBy(f => f, StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>
    /// A symlink is keyed by where it points, not followed: Nix copies a source tree's links as
    /// links, and a dangling one must not stop the key. A file that cannot be read is keyed as
    /// such (Nix will say why when it copies the source).
    /// </summary>
    private static string HashEntry(string path)
    {
        if (new FileInfo(path).LinkTarget is { } target)
        {
            return "link " + target;
        }

        try
        {
            return HashFile(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "unreadable " + ex.GetType().Name;
        }
    }

    private static string HashFile(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream)).ToLowerInvariant();
    }
}
