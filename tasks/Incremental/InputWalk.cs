using System.IO.Enumeration;
using CrossSdk.Diagnostics;

namespace CrossSdk.Incremental;

/// <summary>
/// The entries below an input root, in ordinal order of their relative paths, the way Nix sees a
/// source it copies: symbolic links as links (where they point), not followed, so a link loop is
/// just a link. Declared inputs (CrossInput) and nixpkgs folders are followed instead, as
/// MSBuild's glob and Nix's own imports follow them; a link back to a folder above it is then an
/// error that names it (CROSS0091), not minutes of crawling.
/// </summary>
internal static class InputWalk
{
    private static readonly string[] GitStateFiles = ["HEAD", "index"];

    internal enum Kind
    {
        File,
        Directory,
        Link,
    }

    /// <param name="Path">The full path (below the root as given, links not resolved).</param>
    /// <param name="Relative">Relative to the root, '/'-separated; "." for the root itself.</param>
    /// <param name="Ticks">The local-time modification ticks, as MSBuild's File/Directory.GetLastWriteTime give them (a link: its target's).</param>
    internal sealed record Entry(string Path, string Relative, Kind Type, long Ticks, long Length, bool Executable, string? LinkTarget);

    /// <param name="root">A file, a folder or a link.</param>
    /// <param name="follow">Follow links to folders (declared inputs, nixpkgs); else record links as links.</param>
    /// <param name="skip">Relative folder paths left out with all below them (the project's own build output).</param>
    /// <param name="opaque">Folder names recorded but not descended into (.git of a tree Nix did not copy).</param>
    /// <param name="limit">Stop descending once more entries than this are listed (the caller only needs to know there are too many).</param>
    public static List<Entry> Walk(string root, bool follow, IReadOnlyCollection<string>? skip = null, IReadOnlyCollection<string>? opaque = null, int limit = int.MaxValue)
    {
        var entries = new List<Entry>();
        var info = new FileInfo(root);
        if (info.LinkTarget is { } rootTarget && !(follow && Directory.Exists(root)))
        {
            entries.Add(new Entry(root, ".", Kind.Link, File.GetLastWriteTime(root).Ticks, 0, false, rootTarget));
        }
        else if (Directory.Exists(root))
        {
            entries.Add(new Entry(root, ".", Kind.Directory, Directory.GetLastWriteTime(root).Ticks, 0, false, null));
            var ancestors = new List<(string Real, string? Link)> { (RealPath(root), null) };
            Descend(root, "", follow, skip ?? [], opaque ?? [], ancestors, entries, limit);
        }
        else if (info.Exists)
        {
            entries.Add(FileEntry(info, "."));
        }

        entries.Sort((a, b) => string.CompareOrdinal(a.Relative, b.Relative));
        return entries;
    }

    private static void Descend(string folder, string prefix, bool follow, IReadOnlyCollection<string> skip, IReadOnlyCollection<string> opaque, List<(string Real, string? Link)> ancestors, List<Entry> entries, int limit)
    {
        if (entries.Count > limit)
        {
            return;
        }

        var children = new FileSystemEnumerable<(string Path, string Name, bool IsDirectory, bool IsLink)>(
            folder,
            (ref FileSystemEntry e) => (e.ToFullPath(), e.FileName.ToString(), e.IsDirectory, (e.Attributes & FileAttributes.ReparsePoint) != 0),
            new EnumerationOptions { RecurseSubdirectories = false, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false });
        List<(string Path, string Name, bool IsDirectory, bool IsLink)> listed;
        try
        {
            listed = children.ToList();
        }
        catch (DirectoryNotFoundException)
        {
            // Removed while it was walked: its parent's time changed too.
            return;
        }

        foreach (var (path, name, isDirectory, isLink) in listed)
        {
            var relative = prefix + name;
            var target = isLink ? new FileInfo(path).LinkTarget : null;
            if (isLink && IsResultLink(name, target))
            {
                // `nix-build`'s result links into the store: GC roots, not sources.
                continue;
            }

            if (isLink && !(follow && (Directory.Exists(path) || File.Exists(path))))
            {
                entries.Add(new Entry(path, relative, Kind.Link, File.GetLastWriteTime(path).Ticks, 0, false, target));
            }
            else if (isLink ? Directory.Exists(path) : isDirectory)
            {
                if (skip.Contains(relative))
                {
                    continue;
                }

                entries.Add(new Entry(path, relative, Kind.Directory, Directory.GetLastWriteTime(path).Ticks, 0, false, null));
                if (opaque.Contains(name))
                {
                    // A .git a package may read through fetchGit or lib.fileset.gitTracked: what
                    // is tracked and committed is in its index and HEAD, not in its objects.
                    foreach (var inside in GitStateFiles.Select(n => Path.Combine(path, n)).Where(File.Exists))
                    {
                        entries.Add(FileEntry(new FileInfo(inside), $"{relative}/{Path.GetFileName(inside)}"));
                    }

                    continue;
                }

                var real = RealPath(path);
                var link = isLink ? $"{path} -> {target}" : null;
                if (ancestors.Any(a => a.Real == real))
                {
                    var culprit = link ?? ancestors.LastOrDefault(a => a.Link is not null).Link ?? path;
                    throw new CrossException(
                        DiagnosticCodes.SymlinkLoop,
                        $"The symbolic link {culprit} leads back to a folder above it ({real}), so the folder under it never ends. CrossSdk follows links in CrossInput and nixpkgs folders to see every file they hold. Remove the link, or name a folder without it.",
                        culprit.Split(" -> ")[0]);
                }

                ancestors.Add((real, link));
                Descend(path, relative + "/", follow, skip, opaque, ancestors, entries, limit);
                ancestors.RemoveAt(ancestors.Count - 1);
            }
            else
            {
                entries.Add(FileEntry(new FileInfo(path), relative));
            }
        }
    }

    private static Entry FileEntry(FileInfo file, string relative)
    {
        try
        {
            return new(file.FullName, relative, Kind.File, file.LastWriteTime.Ticks, file.Length, IsExecutable(file.FullName), null);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            // Gone while it was walked (an editor's temporary file): its folder's time changed too.
            return new(file.FullName, relative, Kind.Link, File.GetLastWriteTime(file.FullName).Ticks, 0, false, "(gone)");
        }
    }

    /// <summary>Nix records one bit of a file's mode: whether its owner may execute it.</summary>
    private static bool IsExecutable(string path) =>
        !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0;

    private static bool IsResultLink(string name, string? target) =>
        name.StartsWith("result", StringComparison.Ordinal) && target is not null && target.StartsWith("/nix/store/", StringComparison.Ordinal);

    /// <summary>A path with every link on the way resolved (realpath(3)).</summary>
    internal static string RealPath(string path, int links = 0)
    {
        if (links > 40)
        {
            // As the kernel's ELOOP: a chain of links that does not end.
            throw new IOException($"Too many levels of symbolic links: {path}");
        }

        var full = Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));
        var parent = Path.GetDirectoryName(full);
        var resolvedParent = parent is null ? null : RealPath(parent, links);
        var here = resolvedParent is null ? full : Path.Combine(resolvedParent, Path.GetFileName(full));
        var target = new DirectoryInfo(here).LinkTarget;
        return target is null ? here : RealPath(Path.GetFullPath(target, resolvedParent ?? "/"), links + 1);
    }
}
