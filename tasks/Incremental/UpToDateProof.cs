using System.IO.Enumeration;
using CrossSdk.Artifacts;
using CrossSdk.Nix;
using CrossSdk.Planning;

namespace CrossSdk.Incremental;

/// <summary>
/// What lets MSBuild itself skip CrossBuild on a no-op, so that the task assembly is not even
/// loaded (the way NativeAOT's targets let Inputs/Outputs decide what runs). Written by a build
/// that succeeded (obj/cross/up-to-date.txt), it names every file the up-to-date key read, with
/// its modification time as it was before the key read it, and the folders they came from.
/// CrossSdk.targets builds again when a file's time differs in either direction (an edit, also
/// one made while Nix built, or a file copied over with an older time), a file is gone, a file
/// appeared in one of the folders (globbed again), or a file that was absent appeared. The
/// task's own key check stays the judge whenever MSBuild runs it.
/// </summary>
/// <remarks>
/// Some inputs have no file that stands for them: &lt;nixpkgs&gt; from NIX_PATH or a channel, a
/// nixpkgs folder reached through a symlink (switched to another folder with no file changing),
/// and more files than MSBuild should stat on every build. Then <see cref="Unprovable"/> says
/// why, and MSBuild runs the task every time (which hashes the inputs and starts no nix process
/// when nothing changed). Computed before the key, so that an edit after it is seen next time.
/// </remarks>
internal sealed record UpToDateProof(
    IReadOnlyList<string> PackageRoots,
    IReadOnlyList<string> TreeRoots,
    IReadOnlyList<(string Path, long Ticks)> Files,
    IReadOnlyList<string> AbsentFiles,
    string? Unprovable)
{
    /// <summary>obj/cross/up-to-date.txt: written by a build that succeeded, read by CrossSdk.targets.</summary>
    public const string FileName = "up-to-date.txt";

    /// <summary>More files than this are not checked by MSBuild on every build: the task checks them.</summary>
    public const int MaxFiles = 5000;

    public static string PathIn(string intermediateDirectory) => Path.Combine(intermediateDirectory, FileName);

    /// <param name="nixpkgs">Each nixpkgs of the build, with the setting that named it (CrossNixpkgs, a target's Nixpkgs metadata).</param>
    /// <param name="singleFiles">Overlays and CrossInput items: files, or folders whose files count.</param>
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
            var named = setting?.Trim() ?? "";
            if (source.FromSearchPath)
            {
                unprovable ??= $"nixpkgs is {source.Description}: a channel or NIX_PATH can point elsewhere without any file changing";
            }
            else if (source.Path is { } folder)
            {
                if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(named, projectDirectory)) != Path.TrimEndingDirectorySeparator(folder))
                {
                    unprovable ??= $"the nixpkgs folder '{named}' is reached through a symlink ({folder}), which can be switched to another folder with no file changing";
                }
                else if (!Portability.IsStorePath(folder) && !treeRoots.Contains(folder))
                {
                    treeRoots.Add(folder);
                    files.AddRange(Glob(folder, buildFolder: false).Take(MaxFiles + 1));
                }
            }
            else if ((named.Length == 0 || named.StartsWith(Host.NixpkgsLocator.FlakeLockInputPrefix, StringComparison.Ordinal)) && !walked)
            {
                // nixpkgs from the nearest flake.lock: that file, and no nearer one appearing.
                walked = true;
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

        foreach (var input in singleFiles.Distinct(StringComparer.Ordinal))
        {
            if (Directory.Exists(input))
            {
                treeRoots.Add(input);
                files.AddRange(Glob(input, buildFolder: false).Take(MaxFiles + 1));
            }
            else
            {
                (File.Exists(input) ? files : absent).Add(input);
            }
        }

        if (files.Count > MaxFiles)
        {
            unprovable ??= $"the package folders, inputs and nixpkgs hold more than {MaxFiles} files, too many for MSBuild to check on every build";
        }
        else if (new[] { projectDirectory, intermediateDirectory }.Concat(packageRoots).Concat(treeRoots).Concat(files).Concat(absent).FirstOrDefault(p => !MSBuildText.IsPlain(p)) is { } odd)
        {
            unprovable ??= $"the path '{odd}' has a character MSBuild reads as syntax";
        }

        // Local time, as MSBuild's property function File.GetLastWriteTime gives it.
        var stamped = unprovable is null ? files.Distinct(StringComparer.Ordinal).Select(f => (f, File.GetLastWriteTime(f).Ticks)).ToList() : [];
        return new UpToDateProof(packageRoots, treeRoots, stamped, absent, unprovable);
    }

    /// <summary>The file's lines: a kind and a path each (package-root, tree-root, absent), and file, its time and its path, tab-separated.</summary>
    public string ToText() =>
        string.Concat(
            PackageRoots.Select(f => $"package-root\t{f}\n")
                .Concat(TreeRoots.Select(f => $"tree-root\t{f}\n"))
                .Concat(Files.Select(f => $"file\t{f.Ticks}\t{f.Path}\n"))
                .Concat(AbsentFiles.Select(f => $"absent\t{f}\n")));

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
