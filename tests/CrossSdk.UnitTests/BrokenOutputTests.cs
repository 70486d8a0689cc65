using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

/// <summary>Damaged package outputs and manifests, built for real in a temp folder: coded errors (or a rebuild), never a stack trace.</summary>
[TestClass]
public sealed class BrokenOutputTests
{
    // The machine's own target: a file that parsed "fine" would pass the machine check and ship.
    private static readonly TargetPlan Host = new(PlatformCatalog.Resolve("linux-x64", "t"), Strategy.Native, "test");

    private static PackageSpec Package(string key) =>
        new(key, PackageKind.File, $"/src/{key}.nix", ["out"], PackageSpec.DefaultInclude, $"native/{key}.nix");

    private static Dictionary<Installable, string> Outputs(string output, string package) =>
        new() { [new Installable("a", Host, Package(package), "out")] = output };

    [TestMethod]
    public void A_dangling_symlink_in_an_output_is_CROSS0042_naming_the_package_the_link_and_its_target()
    {
        using var dir = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(dir.Path, "out", "lib")).FullName;
        File.Copy("/bin/true", Path.Combine(lib, "libfine.so"));
        File.CreateSymbolicLink(Path.Combine(lib, "libdangling.so"), "libnowhere.so.9");

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(Outputs(Path.Combine(dir.Path, "out"), "broken")));

        Assert.AreEqual(DiagnosticCodes.DanglingSymlink, ex.Code);
        StringAssert.Contains(ex.Message, "CrossPackage 'native/broken.nix'");
        StringAssert.Contains(ex.Message, "lib/libdangling.so -> libnowhere.so.9");
        StringAssert.Contains(ex.Message, $"{Path.Combine(lib, "libnowhere.so.9")} does not exist");
        StringAssert.Contains(ex.Message, "Collect", "says what to do");
    }

    [TestMethod]
    public void A_chain_of_links_ending_nowhere_is_CROSS0042_naming_the_missing_end()
    {
        using var dir = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(dir.Path, "out", "lib")).FullName;
        File.CreateSymbolicLink(Path.Combine(lib, "libz.so"), "libz.so.1");
        File.CreateSymbolicLink(Path.Combine(lib, "libz.so.1"), "libz.so.1.2.13");

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(Outputs(Path.Combine(dir.Path, "out"), "zlib")));

        Assert.AreEqual(DiagnosticCodes.DanglingSymlink, ex.Code);
        StringAssert.Contains(ex.Message, $"{Path.Combine(lib, "libz.so.1.2.13")} does not exist");
    }

    [TestMethod]
    public void A_loop_of_links_is_CROSS0042()
    {
        using var dir = new TempDirectory();
        var lib = Directory.CreateDirectory(Path.Combine(dir.Path, "out", "lib")).FullName;
        File.CreateSymbolicLink(Path.Combine(lib, "liba.so"), "libb.so");
        File.CreateSymbolicLink(Path.Combine(lib, "libb.so"), "liba.so");

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(Outputs(Path.Combine(dir.Path, "out"), "loop")));

        Assert.AreEqual(DiagnosticCodes.DanglingSymlink, ex.Code);
        StringAssert.Contains(ex.Message, "loop");
    }

    [TestMethod]
    [DataRow(30, DisplayName = "cut inside the ELF header")]
    [DataRow(200, DisplayName = "cut inside the program headers")]
    public void A_truncated_ELF_among_the_collected_files_is_CROSS0043_naming_the_file_and_package(int length)
    {
        using var dir = new TempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(dir.Path, "out", "bin")).FullName;
        File.WriteAllBytes(Path.Combine(bin, "tool"), File.ReadAllBytes("/bin/true")[..length]);

        var ex = Assert.ThrowsExactly<CrossException>(() => new ArtifactCollector(new RecordingLog()).Collect(Outputs(Path.Combine(dir.Path, "out"), "tools")));

        Assert.AreEqual(DiagnosticCodes.MalformedElf, ex.Code);
        StringAssert.Contains(ex.Message, Path.Combine(bin, "tool"));
        StringAssert.Contains(ex.Message, "CrossPackage 'native/tools.nix'");
        StringAssert.Contains(ex.Message, "truncated");
    }

    [TestMethod]
    [DataRow(5)]
    [DataRow(30)]
    [DataRow(63)]
    [DataRow(200)]
    [DataRow(4096)]
    public void A_truncated_copy_of_a_real_ELF_file_does_not_parse_as_a_good_one(int length) =>
        Assert.ThrowsExactly<InvalidDataException>(() => ElfFile.Parse(File.ReadAllBytes("/bin/true").AsSpan(0, length)));

    [TestMethod]
    public void The_whole_file_still_parses() =>
        Assert.AreEqual(ElfMachines.X86_64, ElfFile.Read("/bin/true")!.Identity.Machine);

    [TestMethod]
    [DataRow("""{ "key": "abc", "files": null }""", "no files list")]
    [DataRow("""{ "key": null, "files": [] }""", "no key")]
    [DataRow("""{ "key": "abc", "files": [null] }""", "a file entry is incomplete")]
    [DataRow("""{ "key": "abc", "files": [], "toolchains": null }""", "no toolchains list")]
    [DataRow("""null""", "it is null")]
    [DataRow("""{ "key": "abc", "files": [""", "")]
    public void A_corrupt_manifest_is_no_manifest_said_in_a_message(string json, string problem)
    {
        using var dir = new TempDirectory();
        var path = dir.Write("manifest.json", json);
        var log = new RecordingLog();

        Assert.IsNull(Manifest.TryRead(path, log));

        StringAssert.Contains(log.Messages.Single(), problem);
        StringAssert.Contains(log.Messages.Single(), "rebuilt");
    }

    [TestMethod]
    public void A_good_manifest_reads_back_without_a_message()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "manifest.json");
        new Manifest("abc", [new ShippedFile("linux-arm64", "aarch64-linux", "greet", "libgreet.so", "/x/libgreet.so") { Sha256 = "AB" }]).Write(path);
        var log = new RecordingLog();

        var manifest = Manifest.TryRead(path, log)!;

        Assert.AreEqual("libgreet.so", manifest.Files.Single().FileName);
        Assert.IsEmpty(log.Messages);
    }
}
