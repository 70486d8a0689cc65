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

    [TestMethod]
    [DataRow("github:NixOS/nixpkgs")]
    [DataRow("github:NixOS/nixpkgs/nixos-24.05")]
    [DataRow("github:NixOS/nixpkgs/0123456789abcdef0123456789abcdef01234567")]
    [DataRow("github:NixOS/nixpkgs?ref=release/24.05&dir=pkgs")]
    [DataRow("gitlab:group/project/v1.0")]
    [DataRow("sourcehut:~user/repo")]
    [DataRow("git+https://example.com/x.git?ref=${not-ours-to-judge}")]
    public void A_forge_reference_Nix_can_fetch_passes(string reference) =>
        Assert.IsNull(FlakeReferences.Problem(reference));

    [TestMethod]
    [DataRow("github:NixOS/nixpkgs/${builtins.abort \"x\"}", "'$' is not allowed")]
    [DataRow("github:NixOS/nix pkgs", "'U+0020' is not allowed")]
    [DataRow("github:NixOS", "has 1 part(s)")]
    [DataRow("github:NixOS/nixpkgs/a/b", "has 4 part(s)")]
    [DataRow("github:NixOS/nixpkgs?ref=a\"b", "'\"' is not allowed in its query")]
    public void A_forge_reference_no_forge_serves_says_why(string reference, string why) =>
        StringAssert.Contains(FlakeReferences.Problem(reference), why);

    [TestMethod]
    public void A_download_error_is_tied_to_the_reference_whose_address_it_names()
    {
        const string GitHub = "unable to download 'https://api.github.com/repos/NixOS/nixpkgs/commits/nixos-99.99': HTTP error 404";

        Assert.IsTrue(FlakeReferences.IsMentionedIn(GitHub, "github:NixOS/nixpkgs/nixos-99.99"));
        Assert.IsFalse(FlakeReferences.IsMentionedIn(GitHub, "github:other/nixpkgs"));
        Assert.IsTrue(FlakeReferences.IsMentionedIn("unable to download 'https://example.com/np.tar.gz': Couldn't resolve host name (6)", "tarball+https://example.com/np.tar.gz"));
        Assert.IsFalse(FlakeReferences.IsMentionedIn("unable to download 'http://127.0.0.1:1/nix-cache-info'", "github:NixOS/nixpkgs"));
    }

    [TestMethod]
    public void A_malformed_or_missing_flake_reference_is_CROSS0003_naming_the_CrossTarget_metadata_not_the_network_or_the_packages()
    {
        var locator = new NixpkgsLocator(d => d == "/repo/nixpkgs", p => p, _ => null, f => f == "/repo/nixpkgs.nix");
        const string Setting = "Nixpkgs of CrossTarget 'aarch64-linux'";

        var injected = Assert.ThrowsExactly<Diagnostics.CrossException>(() => locator.Locate("github:NixOS/nixpkgs/${x}", "/repo/app", null, null, Setting));
        var missing = Assert.ThrowsExactly<Diagnostics.CrossException>(() => locator.Locate("path:/no/such/nixpkgs", "/repo/app", null, null, Setting));
        var file = Assert.ThrowsExactly<Diagnostics.CrossException>(() => locator.Locate("path:../nixpkgs.nix", "/repo/app", null, null, Setting));

        foreach (var ex in new[] { injected, missing, file })
        {
            Assert.AreEqual(Diagnostics.DiagnosticCodes.NixpkgsNotFound, ex.Code, ex.Message);
            StringAssert.StartsWith(ex.Message, Setting + " '");
        }

        StringAssert.Contains(injected.Message, "'$' is not allowed in a github: reference");
        StringAssert.Contains(missing.Message, "names a path that does not exist (/no/such/nixpkgs");
        StringAssert.Contains(file.Message, "names a path that is a file, not a folder (/repo/nixpkgs.nix");
        var relative = locator.Locate("path:../nixpkgs", "/repo/app", null, null, Setting);
        Assert.AreEqual("(builtins.fetchTree { path = \"/repo/nixpkgs\"; type = \"path\"; }).outPath", relative.ToNix(), "a relative path: is the project's");
        Assert.AreEqual(Setting, relative.Setting);
    }

    [TestMethod]
    public void A_CrossNixpkgs_naming_an_existing_file_says_it_is_a_file_not_that_it_does_not_exist()
    {
        var locator = new NixpkgsLocator(d => d == "/src/nixpkgs", p => p, _ => null, f => f == "/src/nixpkgs/default.nix");

        var ex = Assert.ThrowsExactly<Diagnostics.CrossException>(() => locator.Locate("/src/nixpkgs/default.nix", "/repo", null, null));

        Assert.AreEqual(Diagnostics.DiagnosticCodes.NixpkgsNotFound, ex.Code);
        StringAssert.Contains(ex.Message, "CrossNixpkgs '/src/nixpkgs/default.nix' names a file (/src/nixpkgs/default.nix), not a folder");
        StringAssert.Contains(ex.Message, "Set it to the folder (/src/nixpkgs)");
        Assert.IsFalse(ex.Message.Contains("does not exist", StringComparison.Ordinal), ex.Message);
    }
}
