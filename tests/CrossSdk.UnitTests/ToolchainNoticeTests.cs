using CrossSdk.Nix.Commands;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class ToolchainNoticeTests
{
    private static readonly TargetPlatform Arm64 = PlatformCatalog.Resolve("aarch64-linux", "test");

    // What `nix build --dry-run` of pkgsCross.aarch64-multiplatform.stdenv.cc lists on a stable
    // branch whose cache lacks the cross gcc (names as nixpkgs gives them).
    private static readonly string[] CrossGccMissing =
    [
        "these 5 derivations will be built:\n" +
        "  /nix/store/0a0bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-aarch64-unknown-linux-gnu-binutils-2.41.drv\n" +
        "  /nix/store/1b1bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-aarch64-unknown-linux-gnu-binutils-wrapper-2.41.drv\n" +
        "  /nix/store/2c2bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-glibc-aarch64-unknown-linux-gnu-2.38-44.drv\n" +
        "  /nix/store/3d3bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-aarch64-unknown-linux-gnu-gcc-13.2.0.drv\n" +
        "  /nix/store/4e4bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-aarch64-unknown-linux-gnu-gcc-wrapper-13.2.0.drv\n" +
        "these 3 paths will be fetched (41.20 MiB download, 190.07 MiB unpacked):\n" +
        "  /nix/store/5f5bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-gmp-6.3.0\n",
    ];

    [TestMethod]
    public void A_dry_run_that_builds_the_cross_gcc_says_so_with_what_it_means_and_the_alternatives()
    {
        var toBuild = DryRun.DerivationsToBuild(CrossGccMissing);
        Assert.AreEqual(5, toBuild.Count, "fetched paths are not built");

        var notice = ToolchainNotice.For(new TargetPlan(Arm64, Strategy.Cross, "test"), toBuild);

        Assert.IsNotNull(notice);
        StringAssert.Contains(notice, "aarch64-linux: no binary cache has the cross toolchain, so Nix will compile it before your packages");
        StringAssert.Contains(notice, "aarch64-unknown-linux-gnu-binutils-2.41, glibc-aarch64-unknown-linux-gnu-2.38-44, aarch64-unknown-linux-gnu-gcc-13.2.0");
        Assert.IsFalse(notice.Contains("wrapper", StringComparison.Ordinal), "wrappers are not compiles");
        StringAssert.Contains(notice, "hours");
        StringAssert.Contains(notice, "substituters");
        StringAssert.Contains(notice, "-p:CrossStrategy=emulated");
        StringAssert.Contains(notice, "builders");
    }

    [TestMethod]
    public void An_emulated_toolchain_compile_points_to_the_cross_toolchain_instead()
    {
        var notice = ToolchainNotice.For(new TargetPlan(Arm64, Strategy.Emulated, "test"), ["/nix/store/3d3bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-gcc-13.2.0.drv"]);
        StringAssert.Contains(notice, "-p:CrossStrategy=cross");
        StringAssert.Contains(notice, "under QEMU");
    }

    [TestMethod]
    public void A_native_toolchain_compile_offers_a_cache_and_a_remote_builder_only()
    {
        var notice = ToolchainNotice.For(new TargetPlan(PlatformCatalog.Resolve("x86_64-linux", "test"), Strategy.Native, "test"), ["/nix/store/3d3bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-gcc-13.2.0.drv"]);
        StringAssert.Contains(notice, "`nix copy --to`), or let a remote builder for x86_64-linux build it");
        Assert.IsFalse(notice!.Contains("CrossStrategy", StringComparison.Ordinal), notice);
    }

    [TestMethod]
    public void Only_wrappers_to_build_or_nothing_to_build_says_nothing()
    {
        var plan = new TargetPlan(Arm64, Strategy.Cross, "test");
        Assert.IsNull(ToolchainNotice.For(plan, ["/nix/store/4e4bq4cqy5ks1bs7sqm2fsmpv3n4wvwa-aarch64-unknown-linux-gnu-gcc-wrapper-12.drv"]));
        Assert.IsNull(ToolchainNotice.For(plan, []));
    }

    [TestMethod]
    public void A_derivation_file_gives_its_system_and_output_paths_with_escapes_in_strings()
    {
        var drv = DerivationFile.Parse(
            """Derive([("dev","/nix/store/aaa-zlib-dev","",""),("out","/nix/store/bbb-zlib","","")],[("/nix/store/ccc-cc.drv",["out"])],["/nix/store/ddd-src"],"aarch64-linux","/nix/store/eee-busybox/busybox",["sh","-e"],[("script","echo \"a\\b\"\n"),("x","[(")])""");

        Assert.IsNotNull(drv);
        Assert.AreEqual("aarch64-linux", drv.System);
        Assert.AreEqual("/nix/store/bbb-zlib", drv.Outputs["out"]);
        Assert.AreEqual("/nix/store/aaa-zlib-dev", drv.Outputs["dev"]);
        Assert.IsNull(DerivationFile.Parse("not a derivation"));
        Assert.IsNull(DerivationFile.Parse("Derive([(\"out\",\"/nix"));
    }
}
