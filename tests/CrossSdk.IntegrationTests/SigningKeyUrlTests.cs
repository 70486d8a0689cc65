using CrossSdk.Caches;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>
/// CrossCacheSigningKeyFile goes into the store URL's query: a path with '&amp;' or '=' in it must
/// stay one path to the real Nix, not set other store parameters.
/// </summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class SigningKeyUrlTests
{
    [TestMethod]
    public void A_key_file_path_is_percent_encoded_into_the_store_URL()
    {
        var target = new CacheTarget("file:///srv/c?compression=zstd", "/keys/a&compression=none");
        Assert.AreEqual("file:///srv/c?compression=zstd&secret-key=%2Fkeys%2Fa%26compression%3Dnone", target.CopyUrl);
    }

    [TestMethod]
    public async Task Nix_signs_with_a_key_file_named_like_a_query_and_keeps_the_cache_compression()
    {
        using var dir = new TempDirectory();
        var keys = Directory.CreateDirectory(Path.Combine(dir.Path, "keys")).FullName;
        var key = Path.Combine(keys, "a&compression=none");
        var generate = await Processes.RunAsync("nix-store", ["--generate-binary-cache-key", "canary-1", key, Path.Combine(keys, "public")]);
        Assert.AreEqual(0, generate.ExitCode, generate.All);
        var added = await Processes.RunAsync("nix-store", ["--add", dir.Write("payload.txt", $"payload {Guid.NewGuid()}\n")]);
        Assert.AreEqual(0, added.ExitCode, added.All);
        var cache = Path.Combine(dir.Path, "cache");

        var target = CacheTarget.Parse("file://" + cache, key)!;
        var copy = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "copy", "--to", target.CopyUrl, added.StandardOutput.Trim()]);

        Assert.AreEqual(0, copy.ExitCode, copy.All);
        var narinfo = File.ReadAllText(Directory.GetFiles(cache, "*.narinfo").Single());
        StringAssert.Contains(narinfo, "Sig: canary-1:", "signed with the key file named in full");
        StringAssert.Contains(narinfo, "Compression: xz", "the key file's name set no compression=none");
    }
}
