using CrossSdk.Diagnostics;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class PackageResolverTests
{
    [TestMethod]
    public void A_file_folder_or_attribute_each_resolve()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "x");
        var folderDefault = dir.Write("libfoo/default.nix", "x");

        var specs = PackageResolver.Resolve(
            [new("native/greet.nix"), new("libfoo"), new("zlib", Outputs: "out;dev", Include: "lib/*.so*"), new("xorg.libX11")],
            dir.Path);

        Assert.AreEqual((PackageKind.File, file, "greet"), (specs[0].Kind, specs[0].Source, specs[0].Key));
        Assert.AreEqual((PackageKind.File, folderDefault, "libfoo"), (specs[1].Kind, specs[1].Source, specs[1].Key));
        Assert.AreEqual((PackageKind.Attribute, "zlib", "zlib"), (specs[2].Kind, specs[2].Source, specs[2].Key));
        CollectionAssert.AreEqual(new[] { "out", "dev" }, specs[2].Outputs.ToArray());
        CollectionAssert.AreEqual(new[] { "lib/*.so*" }, specs[2].Include.ToArray());
        Assert.AreEqual("libX11", specs[3].Key);
        CollectionAssert.AreEqual(new[] { "out" }, specs[0].Outputs.ToArray());
        CollectionAssert.AreEqual(new[] { "lib/**/*.so*", "bin/*" }, specs[0].Include.ToArray());
    }

    [TestMethod]
    public void A_missing_file_says_it_was_taken_for_a_file()
    {
        using var dir = new TempDirectory();
        var ex = Assert.ThrowsExactly<CrossException>(() => PackageResolver.Resolve([new("native/gret.nix")], dir.Path));
        Assert.AreEqual(DiagnosticCodes.PackageFileNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "taken for a package file");
        StringAssert.Contains(ex.Message, "gret.nix");
    }

    [TestMethod]
    public void Keys_are_unique_identifiers()
    {
        using var dir = new TempDirectory();
        dir.Write("a/greet.nix", "x");
        dir.Write("b/greet.nix", "x");
        dir.Write("c/2d-lib.nix", "x");
        var specs = PackageResolver.Resolve([new("a/greet.nix"), new("b/greet.nix"), new("c/2d-lib.nix")], dir.Path);
        CollectionAssert.AreEqual(new[] { "greet", "greet_2", "p2d_lib" }, specs.Select(s => s.Key).ToArray());
    }
}
