using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Pipeline;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// A nixpkgs per target (CrossTarget Nixpkgs): named by a folder, a flake reference or an input of
/// the project's flake.lock; generated into the one file the build evaluates once; keyed by content.
/// </summary>
[TestClass]
public sealed class TargetNixpkgsTests
{
    private static string Bullseye => Path.Combine(Repo.Root, "tests", "nixpkgs-bullseye");

    private const string Lock = """
        {
          "nodes": {
            "nixpkgs": { "locked": { "type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "new0", "narHash": "sha256-new=" } },
            "nixpkgs-2009": { "flake": false, "locked": { "type": "github", "owner": "NixOS", "repo": "nixpkgs", "rev": "old1", "narHash": "sha256-old=" } },
            "root": { "inputs": { "nixpkgs": "nixpkgs", "nixpkgs-2009": "nixpkgs-2009" } }
          },
          "root": "root",
          "version": 7
        }
        """;

    private static NixpkgsLocator WithLock(string lockFile) => new(_ => false, p => p, f => f == lockFile ? Lock : null);

    [TestMethod]
    public void A_flake_lock_input_by_name_is_that_input_as_locked()
    {
        var source = WithLock("/repo/flake.lock").Locate("flake.lock#nixpkgs-2009", "/repo/app", null, null, "Nixpkgs of CrossTarget 'aarch64-linux'");

        Assert.IsTrue(source.NeedsFlakes);
        StringAssert.Contains(source.ToNix(), "rev = \"old1\";");
        Assert.AreEqual("/repo/flake.lock nixpkgs-2009 sha256-old=", source.Description, "the lock's hash is the key");
    }

    [TestMethod]
    public void An_input_the_flake_lock_lacks_is_CROSS0082_listing_the_inputs_it_has()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => WithLock("/repo/flake.lock").Locate("flake.lock#nixpkgs-2105", "/repo", null, null, "Nixpkgs of CrossTarget 'aarch64-linux'"));

        Assert.AreEqual(DiagnosticCodes.FlakeLockInputNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "Nixpkgs of CrossTarget 'aarch64-linux' 'flake.lock#nixpkgs-2105'");
        StringAssert.Contains(ex.Message, "its inputs: nixpkgs, nixpkgs-2009");
        Assert.AreEqual("/repo/flake.lock", ex.File);
    }

    [TestMethod]
    public void An_input_name_without_a_flake_lock_is_CROSS0082()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => WithLock("/elsewhere/flake.lock").Locate("flake.lock#nixpkgs-2009", "/repo", null, null));

        Assert.AreEqual(DiagnosticCodes.FlakeLockInputNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "there is no flake.lock in /repo or above it");
    }

    [TestMethod]
    public void A_missing_target_nixpkgs_folder_is_CROSS0003_naming_the_metadata()
    {
        using var dir = new TempDirectory();
        dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        var request = TestServices.Request(dir.Path) with { TargetNixpkgs = new Dictionary<string, string> { ["linux-arm64"] = "../no-such-nixpkgs" } };

        var ex = Assert.ThrowsExactly<CrossException>(() => Resolver().Prepare(request));

        Assert.AreEqual(DiagnosticCodes.NixpkgsNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "Nixpkgs of CrossTarget 'linux-arm64' '../no-such-nixpkgs' is not a folder");
    }

    [TestMethod]
    public void Metadata_finds_its_target_by_any_spelling_and_Glibc_metadata_overrides_CrossGlibc()
    {
        using var dir = new TempDirectory();
        dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        var request = TestServices.Request(dir.Path) with
        {
            Targets = ["aarch64-linux", "riscv64-linux"],
            TargetNixpkgs = new Dictionary<string, string> { ["linux-arm64"] = Bullseye },
            TargetGlibc = new Dictionary<string, string> { ["aarch64-multiplatform"] = "2.28" },
            Glibc = "2.31",
        };

        var prepared = Resolver().Prepare(request);

        Assert.AreEqual(Bullseye, prepared.NixpkgsFor(PlatformCatalog.Resolve("aarch64-linux", "t")).Path);
        Assert.AreEqual(Repo.OfflineNixpkgs, prepared.NixpkgsFor(PlatformCatalog.Resolve("riscv64-linux", "t")).Path);
        Assert.AreEqual(new Version(2, 28), prepared.TargetGlibc["linux-arm64"]);
        Assert.AreEqual(new Version(2, 31), prepared.TargetGlibc["linux-riscv64"]);
    }

    [TestMethod]
    [DataRow("2")]
    [DataRow("3.1")]
    [DataRow("2.31.1")]
    [DataRow("new")]
    public void A_glibc_that_is_not_2_dot_minor_is_CROSS0081(string value)
    {
        using var dir = new TempDirectory();
        dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");

        var ex = Assert.ThrowsExactly<CrossException>(() => Resolver().Prepare(TestServices.Request(dir.Path) with { Glibc = value }));

        Assert.AreEqual(DiagnosticCodes.InvalidGlibc, ex.Code);
        StringAssert.Contains(ex.Message, $"CrossGlibc '{value}'");
    }

    [TestMethod]
    public void The_target_nixpkgs_content_and_glibc_are_in_the_up_to_date_key()
    {
        using var dir = new TempDirectory();
        dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        var own = dir.Write("old-nixpkgs/default.nix", "{ ... }: { }");
        var request = TestServices.Request(dir.Path) with { TargetNixpkgs = new Dictionary<string, string> { ["aarch64-linux"] = Path.GetDirectoryName(own)! } };
        var first = Resolver().Prepare(request).Key;

        File.WriteAllText(own, "{ ... }: { edited = true; }");
        File.SetLastWriteTimeUtc(own, DateTime.UtcNow.AddMinutes(1));
        var edited = Resolver().Prepare(request).Key;
        var glibc = Resolver().Prepare(request with { Glibc = "2.31" }).Key;

        Assert.AreNotEqual(first, edited, "an edit in the target's own nixpkgs rebuilds");
        Assert.AreNotEqual(edited, glibc, "CrossGlibc is keyed");
        Assert.AreEqual(edited, Resolver().Prepare(request).Key, "nothing changed: the same key");
    }

    private static InputResolver Resolver() => new(NixpkgsLocator.ForFileSystem(), PlatformCatalog.ForRuntimeIdentifier("linux-x64")!);
}
