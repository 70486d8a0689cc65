using System.IO.Enumeration;
using CrossSdk.Artifacts;
using CrossSdk.Nix;
using CrossSdk.Planning;

namespace CrossSdk.Incremental;

/// <summary>
/// What lets MSBuild itself skip CrossBuild on a no-op, so that the task assembly is not even
/// loaded (the way NativeAOT's targets let Inputs/Outputs decide what runs). Written by a build
/// that succeeded (obj/cross/up-to-date.txt), it names the files whose timestamps stand for the
/// up-to-date key's content, and the folders they came from: CrossSdk.targets globs those
/// folders again and builds when a file appeared (even one with an old timestamp), is gone, or
/// is newer than the stamp of the last build. The task's own key check stays the judge whenever
/// MSBuild runs it.
/// </summary>
/// <remarks>
/// Some inputs have no timestamp that stands for them: &lt;nixpkgs&gt; from NIX_PATH or a
/// channel (a symlink switched to another store path), and a nixpkgs checkout too big to glob on
/// every build. Then <see cref="Unprovable"/> says why, and MSBuild runs the task every time
/// (which hashes the inputs and starts no nix process when nothing changed).
/// </remarks>
internal sealed record UpToDateProof(
    IReadOnlyList<string> PackageRoots,
    IReadOnlyList<string> TreeRoots,
    IReadOnlyList<string> Files,
    IReadOnlyList<string> AbsentFiles,
    string? Unprovable)
{
    /// <summary>obj/cross/up-to-date.txt: written by a build that succeeded, read by CrossSdk.targets.</summary>
    public const string FileName = "up-to-date.txt";

    /// <summary>More files than this are not globbed by MSBuild on every build: the task checks them.</summary>
    public const int MaxFiles = 5000;

    public static string PathIn(string intermediateDirectory) => Path.Combine(intermediateDirectory, FileName);

    public static UpToDateProof For(
        string projectDirectory,
        string intermediateDirectory,
        IReadOnlyList<(string? Setting, NixpkgsSource Source)> nixpkgs,
        IReadOnlyList<PackageSpec> packages,
        IReadOnlyList<string> singleFiles)
    {
        var packageRoots = packages.Select(p => p.SourceFolder).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var treeRoots = new List<string>();
        var files = packageRoots.SelectMany(f => Glob(f, buildFolder: true)).ToList();
        var absent = new List<string>();
        string? unprovable = null;

        var walked = false;
        foreach (var (setting, source) in nixpkgs)
        {
            if (source.FromSearchPath)
            {
                unprovable ??= $"nixpkgs is {source.Description}: a channel or NIX_PATH can point elsewhere without any file changing";
            }
            else if (source.Path is { } folder && !Portability.IsStorePath(folder))
            {
                if (!treeRoots.Contains(folder))
                {
                    treeRoots.Add(folder);
                    files.AddRange(Glob(folder, buildFolder: false).Take(MaxFiles + 1));
                }
            }
            else if ((string.IsNullOrWhiteSpace(setting) || setting!.Trim().StartsWith(Host.NixpkgsLocator.FlakeLockInputPrefix, StringComparison.Ordinal)) && !walked)
            {
                walked = true;
                // nixpkgs from the nearest flake.lock: that file, and no nearer one appearing.
                for (var dir = projectDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    var lockFile = Path.Combine(dir, Host.NixpkgsLocator.FlakeLockFileName);
                    if (File.Exists(lockFile))
                    {
                        files.Add(lockFile);
                        break;
                    }

                    absent.Add(lockFile);
                }
            }
        }

        foreach (var file in singleFiles.Distinct(StringComparer.Ordinal))
        {
            (File.Exists(file) ? files : absent).Add(file);
        }

        if (files.Count > MaxFiles)
        {
            unprovable ??= $"the package folders and nixpkgs hold more than {MaxFiles} files, too many for MSBuild to check on every build";
        }
        else if (new[] { projectDirectory, intermediateDirectory }.Concat(packageRoots).Concat(treeRoots).Concat(files).Concat(absent).FirstOrDefault(p => !MSBuildText.IsPlain(p)) is { } odd)
        {
            unprovable ??= $"the path '{odd}' has a character MSBuild reads as syntax";
        }

        return new UpToDateProof(packageRoots, treeRoots, files.Distinct(StringComparer.Ordinal).ToList(), absent, unprovable);
    }

    /// <summary>The file's lines: a kind and a path each (package-root, tree-root, file, absent).</summary>
    public string ToText() =>
        string.Concat(
            PackageRoots.Select(f => $"package-root {f}\n")
                .Concat(TreeRoots.Select(f => $"tree-root {f}\n"))
                .Concat(Files.Select(f => $"file {f}\n"))
                .Concat(AbsentFiles.Select(f => $"absent {f}\n")));

    /// <summary>
    /// The files MSBuild's glob `root/**` finds with CrossSdk.targets' excludes (a package
    /// folder's own bin/ and obj/, any .git/): hidden files, symlinks (also dangling ones) and
    /// folders behind symlinks included, as MSBuild does. The two must agree, or every build
    /// would see a file "appear"; a test runs MSBuild to check.
    /// </summary>
    public static IEnumerable<string> Glob(string root, bool buildFolder)
    {
        if (!Directory.Exists(root))
        {
            return [];
        }

        var top = Path.TrimEndingDirectorySeparator(Path.GetFullPath(root));
        return new FileSystemEnumerable<string>(
            top,
            (ref FileSystemEntry e) => e.ToFullPath(),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
                !e.FileName.SequenceEqual(".git")
                && !(buildFolder && e.Directory.SequenceEqual(top) && (e.FileName.SequenceEqual("bin") || e.FileName.SequenceEqual("obj"))),
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory,
        };
    }
}
