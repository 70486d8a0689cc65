using CrossSdk.Artifacts;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class ManifestItemsTests
{
    [TestMethod]
    public void The_items_file_holds_each_shipped_file_with_its_metadata_as_tab_separated_fields()
    {
        using var dir = new TempDirectory();
        var manifestPath = Path.Combine(dir.Path, Manifest.FileName);
        var shared = new ShippedFile("linux-arm64", "aarch64-linux", "greet", "libgreet.so", Path.Combine(dir.Path, "out", "linux-arm64", "libgreet.so")) { Sha256 = "AB" };
        var library = new ShippedFile("linux-arm64", "aarch64-linux", "hello", "libhello.a", Path.Combine(dir.Path, "out", "linux-arm64", "libhello.a")) { Static = true, Sha256 = "CD" };

        new Manifest("key", [shared, library]).Write(manifestPath);

        var lines = File.ReadAllLines(Manifest.ItemsPathBeside(manifestPath));
        CollectionAssert.AreEqual(
            new[]
            {
                $"{shared.Path}\tlinux-arm64\taarch64-linux\tgreet\tlibgreet.so\tshared\tgreet",
                $"{library.Path}\tlinux-arm64\taarch64-linux\thello\tlibhello.a\tstatic\thello",
            },
            lines);
        Assert.IsNotNull(Manifest.TryRead(manifestPath), "the manifest itself is written too");
    }

    [TestMethod]
    [DataRow("lib;greet.so")]
    [DataRow("lib*.so")]
    [DataRow("lib$(x).so")]
    [DataRow("lib'q.so")]
    public void A_file_name_MSBuild_would_read_as_syntax_gets_no_items_file_so_the_task_reads_the_manifest(string fileName)
    {
        using var dir = new TempDirectory();
        var manifestPath = Path.Combine(dir.Path, Manifest.FileName);
        var itemsPath = Manifest.ItemsPathBeside(manifestPath);
        File.WriteAllText(itemsPath, "an older build's items");

        new Manifest("key", [new ShippedFile("linux-arm64", "aarch64-linux", "greet", fileName, Path.Combine(dir.Path, fileName)) { Sha256 = "AB" }]).Write(manifestPath);

        Assert.IsFalse(File.Exists(itemsPath), "an items file that cannot carry the path must not be left from before");
        Assert.AreEqual(fileName, Manifest.TryRead(manifestPath)!.Files.Single().FileName);
    }

    [TestMethod]
    public void Deleting_the_manifest_deletes_its_items_file_too()
    {
        using var dir = new TempDirectory();
        var manifestPath = Path.Combine(dir.Path, Manifest.FileName);
        new Manifest("key", [new ShippedFile("linux-arm64", "aarch64-linux", "greet", "libgreet.so", Path.Combine(dir.Path, "libgreet.so")) { Sha256 = "AB" }]).Write(manifestPath);

        Manifest.Delete(manifestPath);

        Assert.IsFalse(File.Exists(manifestPath));
        Assert.IsFalse(File.Exists(Manifest.ItemsPathBeside(manifestPath)), "a stale items file would ship the old files");
    }
}
