using CrossSdk.Incremental;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class BuildKeyTests
{
    private static string Key(
        PackageSpec package,
        string version = "1.0.0",
        string nixpkgs = "/nixpkgs",
        string target = "linux-arm64",
        string strategy = "auto",
        string[]? options = null,
        string[]? inputs = null) =>
        BuildKey.Compute(BuildKey.Describe(version, nixpkgs, [(target, strategy)], [package], options ?? [], InputDigest.Of(ReadBy(package), inputs ?? [], fromSnapshots: false).KeyLines));

    /// <summary>What Nix reports for `src = ./.`: the package's folder, with the project's bin/ and obj/ in it.</summary>
    private static InputSet ReadBy(PackageSpec package) =>
        new([new InputRoot(package.SourceFolder!, "/nix/store/00000000000000000000000000000000-source")], [], [Path.Combine(package.SourceFolder!, "bin"), Path.Combine(package.SourceFolder!, "obj")]);

    private static (TempDirectory Dir, PackageSpec Package) Project()
    {
        var dir = new TempDirectory();
        var file = dir.Write("native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        dir.Write("native/greet.c", "int x;");
        return (dir, new PackageSpec("greet", PackageKind.File, file, ["out"], PackageSpec.DefaultInclude, "native/greet.nix"));
    }

    [TestMethod]
    public void The_same_inputs_give_the_same_key()
    {
        var (dir, package) = Project();
        using (dir)
        {
            Assert.AreEqual(Key(package), Key(package));
        }
    }

    [TestMethod]
    public void Every_input_changes_the_key()
    {
        var (dir, package) = Project();
        using (dir)
        {
            var baseline = Key(package);
            var variants = new[]
            {
                Key(package, version: "1.0.1"),
                Key(package, nixpkgs: "/other/nixpkgs"),
                Key(package, target: "linux-riscv64"),
                Key(package, strategy: "emulated"),
                Key(package, options: ["-j", "4"]),
                Key(package with { Outputs = ["out", "lib"] }),
                Key(package with { Include = ["bin/*"] }),
                Key(package with { Static = true }),
                Key(package, inputs: [dir.Write("extra.h", "x")]),
            };
            foreach (var variant in variants)
            {
                Assert.AreNotEqual(baseline, variant);
            }

            Assert.AreEqual(variants.Length, variants.Distinct().Count());
        }
    }

    [TestMethod]
    public void A_source_file_edit_or_a_new_file_changes_the_key()
    {
        var (dir, package) = Project();
        using (dir)
        {
            var before = Key(package);
            dir.Write("native/greet.c", "int y;");
            var edited = Key(package);
            dir.Write("native/sub/extra.c", "int z;");
            var added = Key(package);
            Assert.AreNotEqual(before, edited);
            Assert.AreNotEqual(edited, added);
        }
    }

    [TestMethod]
    public void Build_outputs_and_result_links_under_the_package_folder_do_not_count()
    {
        var (dir, package) = Project();
        using (dir)
        {
            var before = Key(package);
            dir.Write("native/bin/Debug/x.dll", "x");
            dir.Write("native/obj/cross/manifest.json", "{}");
            File.CreateSymbolicLink(Path.Combine(dir.Path, "native", "result"), "/nix/store/00000000000000000000000000000000-greet");
            Assert.AreEqual(before, Key(package));

            // Sources that only look like outputs do count: a nested bin/ (Rust's src/bin/), a result-* file.
            dir.Write("native/src/bin/main.c", "int main(void) { return 0; }");
            var nested = Key(package);
            Assert.AreNotEqual(before, nested);
            dir.Write("native/result-codes.h", "#define OK 0");
            Assert.AreNotEqual(nested, Key(package));
        }
    }

    [TestMethod]
    public void A_NativeAOT_publish_and_the_emulation_slowdown_are_in_the_key_of_a_prepared_build()
    {
        var (dir, _) = Project();
        using (dir)
        {
            var service = TestServices.CrossBuild();
            var request = TestServices.Request(dir.Path);

            var keys = new[]
            {
                service.Prepare(request).Key,
                service.Prepare(request with { AotRid = "linux-arm64" }).Key,
                service.Prepare(request with { EmulationSlowdown = 4 }).Key,
                service.Prepare(request with { Packages = [new PackageItem("native/greet.nix", Link: "static")] }).Key,
            };

            Assert.AreEqual(keys.Length, keys.Distinct().Count());
        }
    }

    [TestMethod]
    public void A_dangling_symlink_in_a_package_folder_is_keyed_by_its_target_and_does_not_throw()
    {
        var (dir, package) = Project();
        using (dir)
        {
            File.CreateSymbolicLink(Path.Combine(dir.Path, "native", "libdangling.so"), "libnowhere.so.9");
            var first = Key(package);
            File.Delete(Path.Combine(dir.Path, "native", "libdangling.so"));
            File.CreateSymbolicLink(Path.Combine(dir.Path, "native", "libdangling.so"), "libelsewhere.so.9");
            Assert.AreNotEqual(first, Key(package));
        }
    }

    [TestMethod]
    public void An_edit_inside_a_nixpkgs_folder_changes_its_fingerprint_and_git_internals_do_not()
    {
        using var dir = new TempDirectory();
        dir.Write("nixpkgs/default.nix", "{ }: { }");
        dir.Write("nixpkgs/pkgs/gcc.nix", "gcc12");
        var folder = Path.Combine(dir.Path, "nixpkgs");
        var before = NixpkgsFingerprint.Of(folder);
        Assert.AreEqual(before, NixpkgsFingerprint.Of(folder), "stable when nothing changed");

        dir.Write("nixpkgs/.git/objects/ab/cdef", "fetched");
        Assert.AreEqual(before, NixpkgsFingerprint.Of(folder), ".git is not part of the tree Nix reads");

        File.WriteAllText(Path.Combine(folder, "pkgs", "gcc.nix"), "gcc11");
        File.SetLastWriteTimeUtc(Path.Combine(folder, "pkgs", "gcc.nix"), DateTime.UtcNow.AddSeconds(5));
        Assert.AreNotEqual(before, NixpkgsFingerprint.Of(folder), "an edit (as git pull makes) changes it");

        var source = NixpkgsSource.FromFolder(folder);
        StringAssert.StartsWith(NixpkgsFingerprint.Describe(source), folder + " content ");
        Assert.AreEqual("/nix/store/abc-source", NixpkgsFingerprint.Describe(NixpkgsSource.FromFolder("/nix/store/abc-source")), "a store path is immutable");
    }

    [TestMethod]
    public void Every_setting_of_the_request_is_in_the_key_but_the_lock_timeout()
    {
        var (dir, _) = Project();
        using (dir)
        {
            var service = TestServices.CrossBuild();
            var request = TestServices.Request(dir.Path);
            var key = service.Prepare(request).Key;

            // Settings a build can be given that only the whole-request line keys.
            Assert.AreNotEqual(key, service.Prepare(request with { NixExecutable = "/opt/nix/bin/nix" }).Key);
            Assert.AreNotEqual(key, service.Prepare(request with { BinfmtFolder = "/tmp/binfmt" }).Key);
            Assert.AreEqual(key, service.Prepare(request with { LockTimeout = TimeSpan.FromSeconds(5) }).Key, "waiting longer changes nothing built");
        }
    }
}
