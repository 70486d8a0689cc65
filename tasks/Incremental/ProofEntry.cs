namespace CrossSdk.Incremental;

/// <summary>
/// One line of MSBuild's up-to-date check: a file or folder with its local-time modification
/// ticks as MSBuild's File/Directory.GetLastWriteTime give them, and for a file whose time is a
/// whole second (what `cp -a` out of the store, a tarball or `touch -d` leave, so a replacement
/// can carry the same one) its SHA-256 as the key saw it, which MSBuild's GetFileHash checks.
/// </summary>
internal sealed record ProofEntry(string Path, bool IsDirectory, long Ticks, string? Hash = null)
{
    /// <summary>A time a copy can carry over: whole seconds (git's index distrusts such "racy" entries the same way).</summary>
    public static bool IsWeak(long ticks) => ticks % TimeSpan.TicksPerSecond == 0;
}
