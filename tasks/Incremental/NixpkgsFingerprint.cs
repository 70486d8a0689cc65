using System.IO.Enumeration;
using System.Security.Cryptography;
using System.Text;
using CrossSdk.Artifacts;
using CrossSdk.Nix;

namespace CrossSdk.Incremental;

/// <summary>
/// The nixpkgs part of the up-to-date key. A folder's path alone is not enough: `git pull` in a
/// CrossNixpkgs checkout changes what Nix builds. Hashing the content of a 40,000-file checkout on
/// every build would cost seconds, so a local folder is keyed by a stat fingerprint instead: the
/// path, size and modification time of every file and symlink below it (.git excluded), which
/// any edit, checkout or pull changes. Store paths are immutable and flake sources carry their own
/// lock hash: their description is key enough.
/// </summary>
internal static class NixpkgsFingerprint
{
    public static string Describe(NixpkgsSource nixpkgs) =>
        nixpkgs.Path is { } path && !Portability.IsStorePath(path) && Directory.Exists(path)
            ? $"{nixpkgs.Description} content {Of(path)}"
            : nixpkgs.Description;

    /// <summary>A SHA-256 over (relative path, size, mtime) of every entry below the folder, in ordinal order of the paths.</summary>
    public static string Of(string folder)
    {
        var root = Path.GetFullPath(folder);
        var all = Walk(root);
        all.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> numbers = stackalloc byte[16];
        foreach (var (path, length, ticks) in all)
        {
            hash.AppendData(Encoding.UTF8.GetBytes(path, root.Length, path.Length - root.Length));
            BitConverter.TryWriteBytes(numbers, length);
            BitConverter.TryWriteBytes(numbers[8..], ticks);
            hash.AppendData(numbers);
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()[..16];
    }

    private static List<(string Path, long Length, long Ticks)> Walk(string folder) =>
        new FileSystemEnumerable<(string Path, long Length, long Ticks)>(
            folder,
            (ref FileSystemEntry e) => (e.ToSpecifiedFullPath(), e.Length, e.LastWriteTimeUtc.UtcTicks),
            new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0, IgnoreInaccessible = true, ReturnSpecialDirectories = false })
        {
            // Do not descend into .git (its objects change with every fetch, not only the tree)
            // nor follow symlinked folders (a `result` link into the store).
            ShouldRecursePredicate = (ref FileSystemEntry e) =>
                !e.FileName.SequenceEqual(".git") && (e.Attributes & FileAttributes.ReparsePoint) == 0,
            // `nix-build` in the checkout leaves result links into the store: not part of it.
            ShouldIncludePredicate = (ref FileSystemEntry e) => !e.IsDirectory && !e.FileName.SequenceEqual(".git")
                && !((e.Attributes & FileAttributes.ReparsePoint) != 0 && e.FileName.StartsWith("result", StringComparison.Ordinal)),
        }.ToList();
}
