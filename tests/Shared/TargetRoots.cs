namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// The Debian roots eng/setup-host.sh makes under CROSSSDK_EMULATION_ROOTS (default
/// /var/cache/crosssdk/roots): userlands and C libraries of other architectures, which
/// qemu-*-static -L runs programs against.
/// </summary>
public static class TargetRoots
{
    public static string Folder =>
        Environment.GetEnvironmentVariable("CROSSSDK_EMULATION_ROOTS") is { Length: > 0 } roots ? roots : "/var/cache/crosssdk/roots";

    /// <summary>A root by name (bullseye-arm64, musl-bookworm-armhf), asserted present with its loader.</summary>
    public static string Get(string name, string loader)
    {
        var root = Path.Combine(Folder, name);
        Assert.IsTrue(File.Exists(Path.Combine(root, loader.TrimStart('/'))), $"{root} has no {loader}: run eng/setup-host.sh");
        return root;
    }
}
