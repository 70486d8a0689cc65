using System.Diagnostics;
using System.IO.Compression;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A team binary cache for real: project A builds and pushes to a file:// cache signed with a
/// key of the test's own; its outputs are deleted from the store; project B, pulling from the
/// cache with the public key, fetches them instead of building them. With another key, Nix does
/// not trust the cache and builds.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class BinaryCacheEndToEndTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Project_B_fetches_from_the_cache_what_project_A_built_and_pushed_instead_of_building_it()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var a = await SampleWorkspace.CreateAsync();
        a.SaltSource();
        // A package with two outputs: Nix 2.8 builds a .drv for all of them, so all must be in the cache.
        a.AddPackage("multi", MultiOutput(Guid.NewGuid().ToString("N")), "multi/multi.nix");
        var binlog = Path.Combine(a.Folder, "a.binlog");

        var timeA = Stopwatch.StartNew();
        var pushed = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossCacheUpload={cache.Url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}", $"-bl:{binlog}");
        timeA.Stop();

        Assert.AreEqual(0, pushed.ExitCode, pushed.All);
        StringAssert.Matches(pushed.StandardOutput, new System.Text.RegularExpressions.Regex(@"CrossSdk: pushed [1-9]\d* path\(s\) \(\d+\.\d MiB\) to " + System.Text.RegularExpressions.Regex.Escape(cache.Url)));
        var greet = BinaryCacheFixture.RootedPaths(a.LibraryCross("gcroots"), "greet-aarch64");
        Assert.AreEqual(1, greet.Count, string.Join("\n", greet));
        var narinfo = Path.Combine(cache.CacheDirectory, Path.GetFileName(greet[0])[..32] + ".narinfo");
        Assert.IsTrue(File.Exists(narinfo), "the output is in the cache");
        StringAssert.Contains(File.ReadAllText(narinfo), "Sig: " + cache.KeyName + ":", "signed with the test's key");
        AssertKeyNeverWritten(cache, pushed.All, binlog, a.LibraryCross());

        // A second push sends nothing again: the cache has every path.
        File.AppendAllText(Path.Combine(a.Library, "Greet.csproj"), "<!-- touched -->");
        var again = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossCacheUpload={cache.Url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}", "-p:CrossNixOptions=-j1");
        Assert.AreEqual(0, again.ExitCode, again.All);
        StringAssert.Contains(again.StandardOutput, "CrossSdk: pushed 0 path(s) (0.0 MiB)");

        var multi = await BinaryCacheFixture.AllOutputsAsync(BinaryCacheFixture.RootedPaths(a.LibraryCross("gcroots"), "multi-aarch64")[0]);
        Assert.AreEqual(2, multi.Count, string.Join("\n", multi));
        await BinaryCacheFixture.DeleteFromStoreAsync(a.LibraryCross("gcroots"), [.. greet, .. multi]);

        using var b = await SampleWorkspace.CreateAsync();
        File.Copy(Path.Combine(a.Library, "native", "greet.c"), Path.Combine(b.Library, "native", "greet.c"), overwrite: true);
        b.AddPackage("multi", MultiOutput(File.ReadAllText(Path.Combine(a.Library, "multi", "salt"))), "multi/multi.nix");
        var timeB = Stopwatch.StartNew();
        var fetched = await b.DotNetAsync("build", b.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossSubstituters={cache.Url}", $"-p:CrossTrustedPublicKeys={cache.PublicKey}", "-v:d");
        timeB.Stop();

        Assert.AreEqual(0, fetched.ExitCode, fetched.All);
        StringAssert.Contains(fetched.StandardOutput, $"copying path '{greet[0]}' from '{cache.Url}'", "substituted from the cache");
        StringAssert.Contains(fetched.StandardOutput, "Nix built 0 derivations");
        StringAssert.Contains(fetched.StandardOutput, $"aarch64-linux -> cross (pkgsCross.aarch64-multiplatform): fetched from {cache.Url}");
        var origin = await BinaryCacheFixture.OriginAsync(greet[0]);
        Assert.IsFalse(origin.BuiltHere, "fetched, not built");
        CollectionAssert.Contains(origin.SignedBy.ToList(), cache.KeyName);
        await ElfAssert.IsForAsync(Path.Combine(b.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        TestContext.WriteLine($"project A (build and push): {timeA.Elapsed.TotalSeconds:0.0} s; project B (from the cache): {timeB.Elapsed.TotalSeconds:0.0} s");
    }

    [TestMethod]
    public async Task A_cache_signed_by_another_key_is_not_trusted_so_the_package_is_built()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var other = await BinaryCacheFixture.CreateAsync();
        using var a = await SampleWorkspace.CreateAsync();
        a.SaltSource();
        var pushed = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossCacheUpload={cache.Url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}");
        Assert.AreEqual(0, pushed.ExitCode, pushed.All);
        var greet = BinaryCacheFixture.RootedPaths(a.LibraryCross("gcroots"), "greet-aarch64");
        await BinaryCacheFixture.DeleteFromStoreAsync(a.LibraryCross("gcroots"), greet);

        using var b = await SampleWorkspace.CreateAsync();
        File.Copy(Path.Combine(a.Library, "native", "greet.c"), Path.Combine(b.Library, "native", "greet.c"), overwrite: true);
        var timeB = Stopwatch.StartNew();
        var built = await b.DotNetAsync("build", b.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossSubstituters={cache.Url}", $"-p:CrossTrustedPublicKeys={other.PublicKey}", "-v:d");
        timeB.Stop();

        Assert.AreEqual(0, built.ExitCode, built.All);
        Assert.IsFalse(built.StandardOutput.Contains($"copying path '{greet[0]}' from", StringComparison.Ordinal), "nothing fetched from an untrusted cache:\n" + built.StandardOutput);
        // Nix's own warning says why, at the default verbosity.
        StringAssert.Contains(built.StandardOutput, $"nix: warning: the substitute for '{greet[0]}' from '{cache.Url}' is not signed by any of the keys in 'trusted-public-keys'");
        var origin = await BinaryCacheFixture.OriginAsync(greet[0]);
        Assert.IsTrue(origin.BuiltHere, "built here, since the cache's signature is not trusted");
        CollectionAssert.DoesNotContain(origin.SignedBy.ToList(), cache.KeyName);
        TestContext.WriteLine($"project B (built locally, the cache untrusted): {timeB.Elapsed.TotalSeconds:0.0} s");
    }

    [TestMethod]
    public async Task A_cache_with_only_one_output_of_a_two_output_package_serves_it_and_Nix_builds_the_rest()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var a = await SampleWorkspace.CreateAsync();
        var salt = Guid.NewGuid().ToString("N");
        a.AddPackage("multi", MultiOutput(salt), "multi/multi.nix");
        var built = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross");
        Assert.AreEqual(0, built.ExitCode, built.All);
        var multi = await BinaryCacheFixture.AllOutputsAsync(BinaryCacheFixture.RootedPaths(a.LibraryCross("gcroots"), "multi-aarch64")[0]);
        var onlyOut = multi.Single(p => !p.EndsWith("-dev", StringComparison.Ordinal));
        // As another tool (or an older CrossSdk) may have filled it: `out` only, not `dev`.
        var copy = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "copy", "--to", $"file://{cache.CacheDirectory}?secret-key={cache.SecretKeyFile}", onlyOut]);
        Assert.AreEqual(0, copy.ExitCode, copy.All);
        await BinaryCacheFixture.DeleteFromStoreAsync(a.LibraryCross("gcroots"), multi);

        using var b = await SampleWorkspace.CreateAsync();
        b.AddPackage("multi", MultiOutput(salt), "multi/multi.nix");
        var partly = await b.DotNetAsync("build", b.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross", $"-p:CrossSubstituters={cache.Url}", $"-p:CrossTrustedPublicKeys={cache.PublicKey}");

        Assert.AreEqual(0, partly.ExitCode, partly.All);
        await ElfAssert.IsForAsync(Path.Combine(b.LibraryNative("linux-arm64"), "libmulti.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task A_push_to_a_cache_that_cannot_be_written_warns_and_fails_only_when_required()
    {
        using var cache = await BinaryCacheFixture.CreateAsync();
        using var a = await SampleWorkspace.CreateAsync();
        // A file where the cache folder should be: Nix cannot create it.
        File.WriteAllText(Path.Combine(a.Folder, "not-a-folder"), "");
        var url = "file://" + Path.Combine(a.Folder, "not-a-folder", "cache");

        var warned = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossCacheUpload={url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}");
        Assert.AreEqual(0, warned.ExitCode, warned.All);
        StringAssert.Contains(warned.StandardOutput, "warning CROSS0071");

        File.AppendAllText(Path.Combine(a.Library, "Greet.csproj"), "<!-- touched -->");
        var failed = await a.DotNetAsync("build", a.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossCacheUpload={url}", $"-p:CrossCacheSigningKeyFile={cache.SecretKeyFile}", "-p:CrossCacheUploadRequired=true");
        FailureAssert.AssertFailsWith(failed, "CROSS0071");
        AssertKeyNeverWritten(cache, warned.All + failed.All, null, a.LibraryCross());
    }

    /// <summary>A package with a lib in `out` and a header in `dev`, salted so that no other test has built it.</summary>
    private static Dictionary<string, string> MultiOutput(string salt) => new()
    {
        ["multi.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "multi";
              version = "1.0";
              src = ./.;
              outputs = [ "out" "dev" ];
              buildPhase = "$CC -O2 -shared -fPIC -o libmulti.so multi.c";
              installPhase = "mkdir -p $out/lib $dev/include && cp libmulti.so $out/lib/ && cp salt $dev/include/multi.h";
            }
            """,
        ["multi.c"] = "int multi(void) { return 2; }\n",
        ["salt"] = salt,
    };

    /// <summary>The secret key's contents appear in no output, binlog or obj/cross file (its path may).</summary>
    private static void AssertKeyNeverWritten(BinaryCacheFixture cache, string output, string? binlog, string crossFolder)
    {
        var secret = cache.SecretKeyMaterial;
        Assert.IsFalse(output.Contains(secret, StringComparison.Ordinal), "the secret key is in the build output");
        if (binlog is not null)
        {
            using var gzip = new GZipStream(File.OpenRead(binlog), CompressionMode.Decompress);
            using var memory = new MemoryStream();
            gzip.CopyTo(memory);
            var bytes = memory.ToArray();
            Assert.IsFalse(System.Text.Encoding.UTF8.GetString(bytes).Contains(secret, StringComparison.Ordinal), "the secret key is in the binlog");
            Assert.IsFalse(System.Text.Encoding.Unicode.GetString(bytes).Contains(secret, StringComparison.Ordinal), "the secret key is in the binlog (UTF-16)");
        }

        foreach (var file in Directory.EnumerateFiles(crossFolder, "*", SearchOption.AllDirectories).Where(f => new FileInfo(f).LinkTarget is null))
        {
            Assert.IsFalse(File.ReadAllText(file).Contains(secret, StringComparison.Ordinal), $"the secret key is in {file}");
        }
    }
}
