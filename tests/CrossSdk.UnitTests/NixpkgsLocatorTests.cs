using CrossSdk.Diagnostics;
using CrossSdk.Host;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class NixpkgsLocatorTests
{
    private static NixpkgsLocator With(params string[] folders) =>
        new(d => folders.Contains(d), p => p);

    [TestMethod]
    public void CrossNixpkgs_is_relative_to_the_project()
    {
        var source = With("/repo/nixpkgs").Locate("../nixpkgs", "/repo/app", nixPath: "nixpkgs=/elsewhere", home: "/root");
        Assert.AreEqual("/repo/nixpkgs", source.Path);
        Assert.IsFalse(source.FromSearchPath);
        Assert.AreEqual("(/. + \"/repo/nixpkgs\")", source.ToNix());
    }

    [TestMethod]
    public void A_missing_CrossNixpkgs_folder_is_CROSS0003()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => With().Locate("/no/such", "/repo", null, null));
        Assert.AreEqual(DiagnosticCodes.NixpkgsNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "/no/such");
    }

    [TestMethod]
    public void NIX_PATH_entries_are_searched_in_order()
    {
        var locator = With("/b/nixpkgs", "/c");
        var source = locator.Locate(null, "/repo", "foo=/a:/b:nixpkgs=/c", "/root");
        Assert.IsTrue(source.FromSearchPath);
        Assert.AreEqual("/b/nixpkgs", source.Path);
        Assert.AreEqual("(/. + \"/b/nixpkgs\")", source.ToNix(), "Nix builds from the folder CrossSdk resolved and keyed");
    }

    [TestMethod]
    public void Without_NIX_PATH_the_default_channels_are_searched()
    {
        var source = With("/root/.nix-defexpr/channels/nixpkgs").Locate("", "/repo", null, "/root");
        Assert.AreEqual("/root/.nix-defexpr/channels/nixpkgs", source.Path);
    }

    [TestMethod]
    public void A_URL_on_NIX_PATH_is_left_to_Nix()
    {
        var source = With().Locate(null, "/repo", "nixpkgs=https://github.com/NixOS/nixpkgs/archive/nixos-24.05.tar.gz", null);
        Assert.IsTrue(source.FromSearchPath);
        StringAssert.Contains(source.Description, "https://github.com/NixOS/nixpkgs/archive/nixos-24.05.tar.gz");
    }

    [TestMethod]
    public void No_nixpkgs_anywhere_is_CROSS0003_with_every_way_out()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => With().Locate(null, "/repo", "", "/root"));
        Assert.AreEqual(DiagnosticCodes.NixpkgsNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "CrossNixpkgs");
        StringAssert.Contains(ex.Message, "NIX_PATH=nixpkgs=");
        StringAssert.Contains(ex.Message, "nix-channel");
    }

    [TestMethod]
    public void NIX_PATH_keeps_URLs_whole() =>
        CollectionAssert.AreEqual(
            new[] { "nixpkgs=https://example.org/n.tar.gz", "/x", "foo=http://h/p" },
            NixpkgsLocator.SplitNixPath("nixpkgs=https://example.org/n.tar.gz:/x:foo=http://h/p").ToArray());
}
