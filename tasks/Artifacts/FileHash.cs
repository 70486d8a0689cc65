using System.Security.Cryptography;

namespace CrossSdk.Artifacts;

/// <summary>A file's SHA-256, upper-case hex as MSBuild's GetFileHash task gives it.</summary>
internal static class FileHash
{
    public static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexString(SHA256.HashData(stream));
    }
}
