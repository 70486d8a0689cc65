using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>CrossGlibc: the newest glibc a target's shipped files may need, checked on the real files.</summary>
[TestClass]
public sealed class GlibcTargetTests
{
    [TestMethod]
    public void A_file_newer_than_its_target_CrossGlibc_is_CROSS0080_naming_file_symbol_version_and_a_release()
    {
        using var dir = new TempDirectory();
        var library = DlopenLibrary(dir);
        var shipped = new ShippedFile("linux-arm64", "aarch64-linux", "probe", "libprobe.so", library);
        var log = new RecordingLog();

        var ex = Assert.ThrowsExactly<CrossException>(() =>
            Portability.Report([shipped], null, log, glibc: new Dictionary<string, Version> { ["linux-arm64"] = new(2, 31) }));

        Assert.AreEqual(DiagnosticCodes.GlibcTargetNotMet, ex.Code);
        StringAssert.Contains(ex.Message, "runtimes/linux-arm64/native/libprobe.so needs GLIBC_2.34 (for dlerror, dlopen)", "every symbol that needs the version, not only the first");
        StringAssert.Contains(ex.Message, "newer than CrossGlibc 2.31 of linux-arm64");
        StringAssert.Contains(ex.Message, "<CrossTarget Include=\"linux-arm64\" Nixpkgs=\"github:NixOS/nixpkgs/nixos-20.09\" />");
    }

    [TestMethod]
    public void CrossGlibc_holds_only_its_own_target_and_a_file_within_it_passes()
    {
        using var dir = new TempDirectory();
        var shipped = new ShippedFile("linux-arm64", "aarch64-linux", "probe", "libprobe.so", DlopenLibrary(dir));
        var log = new RecordingLog();

        Portability.Report([shipped], null, log, glibc: new Dictionary<string, Version> { ["linux-riscv64"] = new(2, 31) });
        Portability.Report([shipped], null, log, glibc: new Dictionary<string, Version> { ["linux-arm64"] = new(2, 34) });

        StringAssert.Contains(string.Join("\n", log.Messages), "libprobe.so needs GLIBC_2.34");
    }

    [TestMethod]
    public void The_release_table_names_the_newest_release_within_a_glibc()
    {
        Assert.AreEqual("nixos-20.09", GlibcReleases.NewestAtMost(new Version(2, 31))?.Release);
        Assert.AreEqual("nixos-22.05", GlibcReleases.NewestAtMost(new Version(2, 34))?.Release);
        Assert.AreEqual("nixos-23.05", GlibcReleases.NewestAtMost(new Version(2, 37))?.Release);
        Assert.IsNull(GlibcReleases.NewestAtMost(new Version(2, 17)), "no release CrossSdk knows is that old");
    }

    [TestMethod]
    public void The_docs_table_is_the_table_the_messages_use()
    {
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "older-glibc.md"));
        foreach (var (release, glibc) in GlibcReleases.All)
        {
            StringAssert.Contains(page, $"| `{release}` | {glibc} |", "docs/older-glibc.md, which the messages point at");
        }
    }

    /// <summary>A library that calls dlopen, built by Debian 12's aarch64 cross gcc (glibc 2.36): it imports dlopen@GLIBC_2.34 (tests/fixtures/elf).</summary>
    private static string DlopenLibrary(TempDirectory dir) => ElfFixtures.Copy("libprobe-linux-arm64.so", dir.Path, "libprobe.so");
}
