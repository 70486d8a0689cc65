using System.Security.Cryptography;
using System.Text;
using CrossSdk.Artifacts;
using CrossSdk.Nix.Expressions;

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
    /// <param name="walks">The build's walks of its nixpkgs folders (one walk each per build); null walks afresh.</param>
    public static string Describe(NixpkgsSource nixpkgs, NixpkgsWalks? walks = null) =>
        nixpkgs.Path is { } path && !Portability.IsStorePath(path) && Directory.Exists(path)
            ? $"{nixpkgs.Description} content {Of(path, walks)}"
            : nixpkgs.Description;

    /// <summary>
    /// A SHA-256 over (relative path, size, mtime) of every file and symlink below the folder, in
    /// ordinal order of the paths: .git and `result` links into the store left out, symlinked
    /// folders followed (a `stdenv/` linked from elsewhere is read by Nix's imports too), a link
    /// back to a folder above it an error (<see cref="InputWalk"/>).
    /// </summary>
    public static string Of(string folder, NixpkgsWalks? walks = null)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> numbers = stackalloc byte[16];
        foreach (var entry in (walks ?? new NixpkgsWalks()).Of(folder).Where(e => e.Type != InputWalk.Kind.Directory))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(entry.Relative + "\n" + entry.LinkTarget));
            BitConverter.TryWriteBytes(numbers, entry.Length);
            BitConverter.TryWriteBytes(numbers[8..], entry.Ticks);
            hash.AppendData(numbers);
        }

        return Convert.ToHexString(hash.GetHashAndReset()).ToLowerInvariant()[..16];
    }
}
