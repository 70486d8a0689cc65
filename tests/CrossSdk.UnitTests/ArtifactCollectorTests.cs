using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class ArtifactCollectorTests
{
    private static readonly TargetPlan Arm64 = new(PlatformCatalog.Resolve("linux-arm64", "t"), Strategy.Cross, "test");

    private static PackageSpec Package(string key, params string[] include) =>
        new(key, PackageKind.File, $"/src/{key}.nix", ["out"], include.Length == 0 ? PackageSpec.DefaultInclude : include, $"native/{key}.nix");

    /// <summary>An output folder laid out like a store path: lib/ with a symlink chain, bin/.</summary>
    private static async Task<string> OutputAsync(TempDirectory dir, string name, string rid = "linux-arm64")
    {
        var output = Path.Combine(dir.Path, name);
        var lib = Directory.CreateDirectory(Path.Combine(output, "lib")).FullName;
        ElfFixtures.Copy($"libz-{rid}.so", lib, "libz.so.1.2.13");
        File.CreateSymbolicLink(Path.Combine(lib, "libz.so.1"), "libz.so.1.2.13");
        File.CreateSymbolicLink(Path.Combine(lib, "libz.so"), "libz.so.1");
        await File.WriteAllTextAsync(Path.Combine(lib, "libz.a"), "!<arch>\n");
        Directory.CreateDirectory(Path.Combine(output, "lib", "pkgconfig"));
        await File.WriteAllTextAsync(Path.Combine(output, "lib", "pkgconfig", "zlib.pc"), "prefix=/nix/store/x\n");
        var bin = Directory.CreateDirectory(Path.Combine(output, "bin")).FullName;
        ElfFixtures.Copy($"main-{rid}", bin, "minigzip");
        return output;
    }

    [TestMethod]
    public async Task A_versioned_chain_ships_as_the_SONAME_and_the_unversioned_name()
    {
        using var dir = new TempDirectory();
        var output = await OutputAsync(dir, "zlib");
        var outputs = new Dictionary<Installable, string> { [new Installable("a", Arm64, Package("zlib"), "out")] = output };

        var artifacts = new ArtifactCollector(new RecordingLog()).Collect(outputs);

        CollectionAssert.AreEquivalent(new[] { "libz.so", "libz.so.1", "minigzip" }, artifacts.Select(a => a.FileName).ToArray());
        Assert.IsTrue(artifacts.Where(a => a.FileName.StartsWith("libz", StringComparison.Ordinal)).All(a => a.SourcePath.EndsWith("libz.so.1.2.13", StringComparison.Ordinal)), "both names are copies of the real file");
    }

    [TestMethod]
    public async Task Include_globs_choose_the_files()
    {
        using var dir = new TempDirectory();
        var output = await OutputAsync(dir, "zlib");
        var outputs = new Dictionary<Installable, string> { [new Installable("a", Arm64, Package("zlib", "bin/*"), "out")] = output };

        var artifacts = new ArtifactCollector(new RecordingLog()).Collect(outputs);

        Assert.AreEqual("minigzip", artifacts.Single().FileName);
    }

    [TestMethod]
    public async Task A_host_architecture_file_in_an_aarch64_output_is_CROSS0009()
    {
        using var dir = new TempDirectory();
        var output = await OutputAsync(dir, "zlib", rid: "linux-x64");
        var outputs = new Dictionary<Installable, string> { [new Installable("a", Arm64, Package("zlib"), "out")] = output };

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(outputs));

        Assert.AreEqual(DiagnosticCodes.ArtifactWrongMachine, ex.Code);
        StringAssert.Contains(ex.Message, "x86-64");
        StringAssert.Contains(ex.Message, "aarch64-linux needs aarch64");
    }

    [TestMethod]
    public async Task Two_files_with_one_name_in_one_target_folder_is_CROSS0010()
    {
        using var dir = new TempDirectory();
        var first = await OutputAsync(dir, "zlib");
        var second = await OutputAsync(dir, "zlib-ng");
        var outputs = new Dictionary<Installable, string>
        {
            [new Installable("a", Arm64, Package("zlib"), "out")] = first,
            [new Installable("b", Arm64, Package("zlibng"), "out")] = second,
        };

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(outputs));

        Assert.AreEqual(DiagnosticCodes.ArtifactNameClash, ex.Code);
        StringAssert.Contains(ex.Message, "runtimes/linux-arm64/native/");
    }

    [TestMethod]
    public async Task An_output_with_nothing_to_ship_warns_CROSS1001()
    {
        using var dir = new TempDirectory();
        var output = Directory.CreateDirectory(Path.Combine(dir.Path, "headers-only", "include")).Parent!.FullName;
        var log = new RecordingLog();
        var outputs = new Dictionary<Installable, string> { [new Installable("a", Arm64, Package("headers"), "out")] = output };

        Assert.AreEqual(0, new ArtifactCollector(log).Collect(outputs).Count);
        Assert.AreEqual(DiagnosticCodes.NoArtifacts, log.Warnings.Single().Code);
        await Task.CompletedTask;
    }

    [TestMethod]
    public void Names_to_ship_keep_every_name_of_a_file_without_SONAME() =>
        CollectionAssert.AreEqual(new[] { "a", "b" }, ArtifactCollector.NamesToShip(["b", "a", "a"], elf: null).ToArray());

    [TestMethod]
    public async Task Copies_are_writable_atomic_and_not_rewritten_when_unchanged()
    {
        using var dir = new TempDirectory();
        var source = dir.Write("store/libx.so", "content");
        File.SetUnixFileMode(source, UnixFileMode.UserRead | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var destination = Path.Combine(dir.Path, "out", "linux-arm64", "libx.so");

        ArtifactCopier.CopyAtomically(source, destination);
        Assert.IsTrue(File.GetUnixFileMode(destination).HasFlag(UnixFileMode.UserWrite));
        var firstWrite = File.GetLastWriteTimeUtc(destination);
        await Task.Delay(50);
        ArtifactCopier.CopyAtomically(source, destination);

        Assert.AreEqual(firstWrite, File.GetLastWriteTimeUtc(destination), "unchanged content is not rewritten");
        Assert.AreEqual(0, Directory.GetFiles(Path.GetDirectoryName(destination)!, "*.tmp-*").Length, "no temporary file is left behind");
        Assert.AreEqual("content", File.ReadAllText(destination));
    }
}
