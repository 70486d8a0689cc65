using System.Globalization;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// CrossSdk packed once per test run into a folder feed, under a version of its own: NuGet's SDK
/// resolver caches an SDK by version, so a repack under the same version would not be seen.
/// </summary>
public static class SdkFeed
{
    private static readonly Lazy<Task<(string Feed, string Version)>> Packed = new(PackAsync);

    public static Task<(string Feed, string Version)> GetAsync() => Packed.Value;

    private static async Task<(string Feed, string Version)> PackAsync()
    {
        var version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture);
        var feed = Path.Combine(Repo.Root, "artifacts", "test-feed");
        Directory.CreateDirectory(feed);
        foreach (var old in Directory.GetFiles(feed, "*.nupkg"))
        {
            File.Delete(old);
        }

        var result = await DotNet.RunAsync(
            Repo.Root,
            "pack", Path.Combine(Repo.Root, "sdk", "CrossSdk.Sdk.csproj"), "-c", "Release", "-o", feed, $"-p:CrossSdkVersion={version}");
        Assert.AreEqual(0, result.ExitCode, "packing CrossSdk failed:\n" + result.All);
        return (feed, version);
    }
}
