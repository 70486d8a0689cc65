using CrossSdk.Host;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class FlakeReferencesTests
{
    private const string Lock = """
        {
          "nodes": {
            "nixpkgs": { "flake": false, "locked": { "lastModified": 1795740219, "narHash": "sha256-4aAm=", "path": "/src/nix pkgs", "type": "path" }, "original": { "path": "/src/nix pkgs", "type": "path" } },
            "other": { "inputs": { "nixpkgs": "nixpkgs" }, "locked": { "type": "github", "owner": "o", "repo": "r", "rev": "abc", "narHash": "sha256-x=" } },
            "root": { "inputs": { "nixpkgs": "nixpkgs", "other": "other" } }
          },
          "root": "root",
          "version": 7
        }
        """;

    [TestMethod]
    [DataRow("github:NixOS/nixpkgs/nixos-24.05", true)]
    [DataRow("path:/src/nixpkgs", true)]
    [DataRow("git+https://example.org/nixpkgs.git", true)]
    [DataRow("../nixpkgs", false)]
    [DataRow("/opt/nixpkgs", false)]
    [DataRow("C:\\nixpkgs", false)]
    public void Recognises_flake_references(string value, bool isFlake) =>
        Assert.AreEqual(isFlake, FlakeReferences.IsFlakeReference(value));

    [TestMethod]
    public void Turns_references_into_fetchTree_attributes_Nix_2_8_accepts()
    {
        Assert.AreEqual("(builtins.fetchTree { path = \"/src/nixpkgs\"; type = \"path\"; }).outPath", FlakeReferences.ToNix("path:/src/nixpkgs"));
        Assert.AreEqual("(builtins.fetchTree { owner = \"NixOS\"; ref = \"nixos-24.05\"; repo = \"nixpkgs\"; type = \"github\"; }).outPath", FlakeReferences.ToNix("github:NixOS/nixpkgs/nixos-24.05"));
        Assert.AreEqual("(builtins.getFlake \"git+https://example.org/n.git?ref=main\").outPath", FlakeReferences.ToNix("git+https://example.org/n.git?ref=main"));
        Assert.AreEqual("(builtins.getFlake \"flake:x\\${y}\").outPath", FlakeReferences.ToNix("flake:x${y}"), "values stay escaped");
    }

    [TestMethod]
    public void Reads_the_locked_nixpkgs_input_of_a_flake_lock()
    {
        var locked = FlakeReferences.LockedNixpkgs(Lock, "/p/flake.lock")!;
        Assert.AreEqual("path", locked["type"]);
        Assert.AreEqual("/src/nix pkgs", locked["path"]);
        Assert.AreEqual(1795740219L, locked["lastModified"]);
        Assert.AreEqual(
            "(builtins.fetchTree { lastModified = 1795740219; narHash = \"sha256-4aAm=\"; path = \"/src/nix pkgs\"; type = \"path\"; }).outPath",
            FlakeReferences.FetchTree(locked));
    }

    [TestMethod]
    public void Follows_an_input_path()
    {
        var followed = Lock.Replace("\"root\": { \"inputs\": { \"nixpkgs\": \"nixpkgs\",", "\"root\": { \"inputs\": { \"nixpkgs\": [\"other\", \"nixpkgs\"],", StringComparison.Ordinal);
        Assert.AreEqual("/src/nix pkgs", FlakeReferences.LockedNixpkgs(followed, "/p/flake.lock")!["path"]);
    }

    [TestMethod]
    public void A_lock_without_nixpkgs_gives_nothing() =>
        Assert.IsNull(FlakeReferences.LockedNixpkgs("""{ "nodes": { "root": { "inputs": {} } }, "root": "root", "version": 7 }""", "/p/flake.lock"));

    [TestMethod]
    public void CrossNixpkgs_wins_then_the_flake_lock_then_NIX_PATH()
    {
        var files = new Dictionary<string, string> { ["/repo/flake.lock"] = Lock };
        var locator = new NixpkgsLocator(d => d is "/opt/nixpkgs" or "/np/nixpkgs", p => p, f => files.GetValueOrDefault(f));

        Assert.AreEqual("/opt/nixpkgs", locator.Locate("/opt/nixpkgs", "/repo/app", "nixpkgs=/np/nixpkgs", null).Path);
        var fromLock = locator.Locate(null, "/repo/app", "/np", null);
        Assert.IsTrue(fromLock.NeedsFlakes);
        StringAssert.Contains(fromLock.Description, "/repo/flake.lock nixpkgs sha256-4aAm=");
        Assert.AreEqual("flake github:NixOS/nixpkgs", locator.Locate("github:NixOS/nixpkgs", "/repo/app", null, null).Description);
        files.Clear();
        Assert.AreEqual("/np/nixpkgs", locator.Locate(null, "/repo/app", "/np", null).Path);
    }
}
