namespace CrossSdk.Artifacts;

/// <summary>
/// Copies artifacts out of the read-only store into obj/. Each file is written to a temporary name
/// in its folder and renamed into place, so an interrupted build never leaves half a library; a
/// file whose content is unchanged is not rewritten, so incremental copies downstream stay quiet.
/// </summary>
internal static class ArtifactCopier
{
    /// <param name="artifacts">What to ship.</param>
    /// <param name="outputRoot">obj/cross/out/.</param>
    /// <param name="prepare">Changes a fresh copy before it replaces the shipped file (portability rewrites).</param>
    /// <param name="cancellation">Stops between files; a file is either whole or not there.</param>
    public static async Task<IReadOnlyList<ShippedFile>> CopyAllAsync(
        IReadOnlyList<Artifact> artifacts,
        string outputRoot,
        Func<Artifact, string, Task>? prepare,
        CancellationToken cancellation)
    {
        var shipped = new List<ShippedFile>();
        foreach (var artifact in artifacts)
        {
            cancellation.ThrowIfCancellationRequested();
            var destination = Path.Combine(outputRoot, artifact.Plan.Target.Rid, artifact.FileName);
            await CopyAtomicallyAsync(artifact.SourcePath, destination, prepare is null ? null : copy => prepare(artifact, copy)).ConfigureAwait(false);
            shipped.Add(new ShippedFile(artifact.Plan.Target.Rid, artifact.Plan.Target.NixSystem, artifact.Package.Key, artifact.FileName, destination) { Static = artifact.Package.Static });
        }

        RemoveStale(outputRoot, shipped.Select(s => s.Path).ToHashSet(StringComparer.Ordinal));
        return shipped;
    }

    /// <summary>
    /// Moves files checked in a staging folder into obj/cross/out/: a file whose content is already
    /// there stays as it is (its timestamp too, so MSBuild's copies downstream stay quiet), any
    /// other is renamed into place, and files of an earlier build that are no longer shipped are
    /// removed. The caller removes the manifest first and writes the new one last, so a build
    /// stopped half-way leaves no manifest, never one that lists files it did not check.
    /// </summary>
    public static IReadOnlyList<ShippedFile> Promote(IReadOnlyList<ShippedFile> staged, string stagingRoot, string outputRoot)
    {
        var shipped = new List<ShippedFile>();
        foreach (var file in staged)
        {
            var destination = Path.Combine(outputRoot, Path.GetRelativePath(stagingRoot, file.Path));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            if (File.Exists(destination) && SameContent(file.Path, destination))
            {
                File.Delete(file.Path);
            }
            else
            {
                File.Move(file.Path, destination, overwrite: true);
            }

            shipped.Add(file with { Path = destination, Sha256 = FileHash.Sha256(destination) });
        }

        RemoveStale(outputRoot, shipped.Select(s => s.Path).ToHashSet(StringComparer.Ordinal));
        return shipped;
    }

    public static void CopyAtomically(string source, string destination) =>
        CopyAtomicallyAsync(source, destination, null).GetAwaiter().GetResult();

    public static async Task CopyAtomicallyAsync(string source, string destination, Func<string, Task>? prepare)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
        if (prepare is null && File.Exists(destination) && SameContent(source, destination))
        {
            return;
        }

        var temporary = destination + ".tmp-" + Guid.NewGuid().ToString("N");
        try
        {
            try
            {
                File.Copy(source, temporary);
            }
            catch (IOException ex) when (Diagnostics.DiskFull.Is(ex))
            {
                // .NET's File.Copy does not name the file it could not write.
                throw Diagnostics.DiskFull.Error(ex, "copying " + Path.GetFileName(destination), destination);
            }

            if (!OperatingSystem.IsWindows())
            {
                // Store files are read-only (0444/0555): give the copy owner write access so that
                // later builds, `dotnet clean` and CI cache steps can replace or delete it.
                var mode = File.GetUnixFileMode(temporary) | UnixFileMode.UserRead | UnixFileMode.UserWrite;
                File.SetUnixFileMode(temporary, mode);
            }

            if (prepare is not null)
            {
                await prepare(temporary).ConfigureAwait(false);
                if (File.Exists(destination) && SameContent(temporary, destination))
                {
                    return;
                }
            }

            // File.Copy keeps the store's timestamp (1970): give the copy its own, or MSBuild's
            // PreserveNewest copies to bin/ would see an older file and skip it.
            File.SetLastWriteTimeUtc(temporary, DateTime.UtcNow);
            File.Move(temporary, destination, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    private static bool SameContent(string a, string b)
    {
        var fa = new FileInfo(a);
        var fb = new FileInfo(b);
        if (fa.Length != fb.Length)
        {
            return false;
        }

        return File.ReadAllBytes(a).AsSpan().SequenceEqual(File.ReadAllBytes(b));
    }

    private static void RemoveStale(string outputRoot, HashSet<string> keep)
    {
        if (!Directory.Exists(outputRoot))
        {
            return;
        }

        foreach (var file in Directory.EnumerateFiles(outputRoot, "*", SearchOption.AllDirectories).Where(f => !keep.Contains(f)).ToList())
        {
            File.Delete(file);
        }
    }
}
