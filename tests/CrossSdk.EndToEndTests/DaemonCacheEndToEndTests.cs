using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A team cache through a multi-user Nix: the daemon takes an untrusted user's substituter only
/// when its own nix.conf lists it in trusted-substituters (and the key in trusted-public-keys).
/// Then the user's build fetches; otherwise CrossSdk says what to put there (CROSS0070).
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class DaemonCacheEndToEndTests
{
    [TestMethod]
    public async Task An_untrusted_user_fetches_from_a_cache_the_daemon_trusts_and_is_told_what_to_configure_when_it_does_not()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var a = await SampleWorkspace.CreateAsync();
        a.SaltSource();
        var pushed = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross", $"-p:CrossCacheUpload={cache.Url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}");
        Assert.AreEqual(0, pushed.ExitCode, pushed.All);
        var greet = BinaryCacheFixture.RootedPaths(a.LibraryCross("gcroots"), "greet-aarch64");
        await BinaryCacheFixture.DeleteFromStoreAsync(a.LibraryCross("gcroots"), greet);

        using var user = await UserWorkspace.CreateAsync();
        File.WriteAllText(Path.Combine(user.Sample.Library, "native", "greet.c"), File.ReadAllText(Path.Combine(a.Library, "native", "greet.c")));
        string[] build = ["build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross", $"-p:CrossSubstituters={cache.Url}", $"-p:CrossTrustedPublicKeys={cache.PublicKey}"];

        await using (var trusting = await NixDaemonFixture.StartAsync($"trusted-substituters = {cache.Url}\ntrusted-public-keys = {cache.PublicKey}"))
        {
            var fetched = await user.DotNetAsync(trusting, "daemon", build);
            Assert.AreEqual(0, fetched.ExitCode, fetched.All + trusting.Log);
            Assert.IsFalse(fetched.StandardOutput.Contains("CROSS0070", StringComparison.Ordinal), fetched.StandardOutput);
            var origin = await BinaryCacheFixture.OriginAsync(greet[0]);
            Assert.IsFalse(origin.BuiltHere, "fetched through the daemon, not built");
            CollectionAssert.Contains(origin.SignedBy.ToList(), cache.KeyName);
        }

        await using var plain = await NixDaemonFixture.StartAsync();
        var warned = await user.DotNetAsync(plain, "daemon", [.. build, "-p:CrossNixOptions=-j1"]);
        Assert.AreEqual(0, warned.ExitCode, warned.All + plain.Log);
        StringAssert.Contains(warned.StandardOutput, "warning CROSS0070");
        StringAssert.Contains(warned.StandardOutput, $"'trusted-substituters = {cache.Url}' and 'extra-trusted-public-keys = {cache.PublicKey}'");
    }
}
