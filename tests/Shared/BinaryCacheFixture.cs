using System.Text.Json;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A file:// binary cache of the test's own with a signing key pair made by
/// `nix-store --generate-binary-cache-key`, and the store operations the cache tests need:
/// dropping a project's GC roots and deleting its outputs from the store, and asking how a path
/// came to be there (built here, or fetched with a cache's signature).
/// </summary>
public sealed class BinaryCacheFixture : IDisposable
{
    private readonly TempDirectory folder;

    private BinaryCacheFixture(TempDirectory folder, string keyName)
    {
        this.folder = folder;
        KeyName = keyName;
    }

    public string KeyName { get; }

    public string CacheDirectory => Path.Combine(folder.Path, "cache");

    public string Url => "file://" + CacheDirectory;

    public string SecretKeyFile => Path.Combine(folder.Path, "secret.key");

    public string PublicKey => File.ReadAllText(Path.Combine(folder.Path, "public.key")).Trim();

    /// <summary>The secret key's base64 part: what must never appear in a log or a file CrossSdk writes.</summary>
    public string SecretKeyMaterial => File.ReadAllText(SecretKeyFile).Trim().Split(':', 2)[1];

    public static async Task<BinaryCacheFixture> CreateAsync()
    {
        var folder = new TempDirectory("cache-" + Guid.NewGuid().ToString("N")[..8]);
        var name = "crosssdk-test-" + Guid.NewGuid().ToString("N")[..8];
        var generate = await Processes.RunAsync("nix-store", ["--generate-binary-cache-key", name, Path.Combine(folder.Path, "secret.key"), Path.Combine(folder.Path, "public.key")]);
        Assert.AreEqual(0, generate.ExitCode, generate.All);
        return new BinaryCacheFixture(folder, name);
    }

    /// <summary>Store paths a project's obj/cross/gcroots links point to whose name contains <paramref name="nameFragment"/>.</summary>
    public static List<string> RootedPaths(string gcrootsFolder, string nameFragment) =>
        Directory.GetFileSystemEntries(gcrootsFolder)
            .Select(l => File.ResolveLinkTarget(l, returnFinalTarget: false)?.FullName ?? "")
            .Where(p => p.StartsWith("/nix/store/", StringComparison.Ordinal) && Path.GetFileName(p).Contains(nameFragment, StringComparison.Ordinal))
            .Distinct()
            .ToList();

    /// <summary>Every output of the derivation that made <paramref name="path"/> (a multi-output package has more than the rooted one).</summary>
    public static async Task<List<string>> AllOutputsAsync(string path)
    {
        var deriver = await Processes.RunAsync("nix-store", ["--query", "--deriver", path]);
        Assert.AreEqual(0, deriver.ExitCode, deriver.All);
        var outputs = await Processes.RunAsync("nix-store", ["--query", "--outputs", deriver.StandardOutput.Trim()]);
        Assert.AreEqual(0, outputs.ExitCode, outputs.All);
        return outputs.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
    }

    /// <summary>Removes the project's GC roots and deletes the paths from the store (nix-store --delete refuses live paths).</summary>
    public static async Task DeleteFromStoreAsync(string gcrootsFolder, IReadOnlyList<string> paths)
    {
        foreach (var link in Directory.GetFileSystemEntries(gcrootsFolder))
        {
            File.Delete(link);
        }

        var delete = await Processes.RunAsync("nix-store", ["--delete", .. paths]);
        Assert.AreEqual(0, delete.ExitCode, "the outputs could not be deleted:\n" + delete.All);
        foreach (var path in paths)
        {
            Assert.IsFalse(Directory.Exists(path) || File.Exists(path), $"{path} is still in the store");
        }
    }

    /// <summary>`nix path-info --json`: whether the path was built here ("ultimate") and its signatures' key names.</summary>
    public static async Task<(bool BuiltHere, IReadOnlyList<string> SignedBy)> OriginAsync(string path)
    {
        var info = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "path-info", "--json", path]);
        Assert.AreEqual(0, info.ExitCode, info.All);
        using var doc = JsonDocument.Parse(info.StandardOutput);
        var entry = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement[0] : doc.RootElement.EnumerateObject().First().Value;
        var ultimate = entry.TryGetProperty("ultimate", out var u) && u.GetBoolean();
        var signatures = entry.TryGetProperty("signatures", out var s) ? s.EnumerateArray().Select(x => x.GetString()!.Split(':')[0]).ToList() : [];
        return (ultimate, signatures);
    }

    public void Dispose() => folder.Dispose();
}
