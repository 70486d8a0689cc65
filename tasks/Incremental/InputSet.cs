using CrossSdk.Diagnostics;
using CrossSdk.Nix.Log;

namespace CrossSdk.Incremental;

/// <summary>
/// What the last evaluation read, as the up-to-date key and MSBuild's check cover it: each file
/// Nix evaluated outside nixpkgs and the store, each source it copied (with the store copy, which
/// is exactly what Nix saw), and each path a relative path literal of those files names
/// (<see cref="NixPathScan"/>), present or absent. Kept in the manifest, so that the next build
/// can tell without Nix whether any of it changed. The project's own build folders (bin/, obj/,
/// whatever they are called) are left out of every walk: CrossSdk writes there itself.
/// </summary>
internal sealed record InputSet(IReadOnlyList<InputRoot> Roots, IReadOnlyList<string> Absent, IReadOnlyList<string> Excluded)
{
    /// <summary>Names of folders recorded but not walked in a tree Nix did not copy (lib.cleanSource leaves .git out too).</summary>
    public static readonly IReadOnlyCollection<string> OpaqueFolders = [".git"];

    /// <param name="ignored">Folders whose files need no entry of their own: nixpkgs (fingerprinted), obj/cross (generated).</param>
    /// <param name="excluded">The project's build folders.</param>
    public static InputSet FromReads(NixReads reads, IReadOnlyList<string> ignored, IReadOnlyList<string> excluded, ICrossLog log)
    {
        bool Kept(string path) => !path.StartsWith("/nix/store/", StringComparison.Ordinal) && !ignored.Any(f => IsUnder(path, f));

        var roots = new List<InputRoot>();
        var absent = new List<string>();
        roots.AddRange(reads.CopiedSources.Where(s => Kept(s.Path)).Select(s => new InputRoot(Full(s.Path), s.StorePath)));
        foreach (var file in reads.EvaluatedFiles.Where(Kept).Select(Full))
        {
            roots.Add(new InputRoot(file));
            string text;
            try
            {
                text = File.ReadAllText(file);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                continue;
            }

            var scan = NixPathScan.Scan(text);
            var folder = Path.GetDirectoryName(file)!;
            foreach (var literal in scan.Paths)
            {
                var path = Full(Path.Combine(folder, literal.Text));
                if (!Kept(path))
                {
                    continue;
                }

                if (File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null)
                {
                    roots.Add(new InputRoot(path));
                }
                else
                {
                    absent.Add(path);
                }
            }

            foreach (var read in scan.UnseenReads)
            {
                log.LogWarning(
                    DiagnosticCodes.UnseenNixRead,
                    read.Builtin.StartsWith('<') ? $"{Path.GetFileName(file)} looks up {read.Builtin} on the Nix search path (NIX_PATH, channels), which CrossSdk cannot see: a channel update does not rebuild the native files. Take nixpkgs from the package's arguments ({{ stdenv, ... }}: CrossSdk passes its own), or name a path literal."
                    : read.Builtin == "getEnv"
                        ? $"{Path.GetFileName(file)} reads an environment variable (builtins.getEnv), which CrossSdk cannot see: a change to it does not rebuild the native files. Pass the value as a setting, or run `dotnet build --no-incremental` after changing it."
                        : $"{Path.GetFileName(file)} reads a path with {read.Builtin} that is not a relative path literal (./file), so CrossSdk cannot see which file it reads: a change to that file does not rebuild the native files. Write the path as a literal (./data.txt), or name the file in a CrossInput item.",
                    file,
                    read.Line);
            }
        }

        return Normalise(roots, absent, excluded);
    }

    /// <summary>Each root once; a root inside a source that Nix copied (or inside another walked folder) is covered by it.</summary>
    private static InputSet Normalise(List<InputRoot> roots, List<string> absent, IReadOnlyList<string> excluded)
    {
        var byPath = roots
            .GroupBy(r => r.Path, StringComparer.Ordinal)
            .Select(g => g.FirstOrDefault(r => r.StorePath is not null) ?? g.First())
            .ToList();
        var folders = byPath.Where(r => Directory.Exists(r.Path) && new FileInfo(r.Path).LinkTarget is null).ToList();
        var kept = byPath
            .Where(r => !folders.Any(f => f != r && IsUnder(r.Path, f.Path) && (f.StorePath is not null || r.StorePath is null) && !InsideOpaque(r.Path, f.Path)))
            .OrderBy(r => r.Path, StringComparer.Ordinal)
            .ToList();
        return new InputSet(
            kept,
            absent.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
            excluded.Select(Full).Distinct(StringComparer.Ordinal).ToList());
    }

    /// <summary>The excluded folders below a root, relative to it ('/'-separated), for <see cref="InputWalk"/>.</summary>
    public IReadOnlyCollection<string> SkippedBelow(string root) =>
        Excluded.Where(e => IsUnder(e, root) && e != root).Select(e => Path.GetRelativePath(root, e).Replace('\\', '/')).ToList();

    internal static bool IsUnder(string path, string folder)
    {
        var f = Path.TrimEndingDirectorySeparator(folder);
        return path == f || path.StartsWith(f + "/", StringComparison.Ordinal);
    }

    private static bool InsideOpaque(string path, string folder) =>
        Path.GetRelativePath(folder, path).Split('/').Any(OpaqueFolders.Contains);

    private static string Full(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
}
