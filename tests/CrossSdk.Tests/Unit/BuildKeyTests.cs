using CrossSdk.Incremental;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

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
        BuildKey.Compute(BuildKey.Describe(version, nixpkgs, [(target, strategy)], [package], options ?? [], inputs ?? []));

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
            dir.Write("native/result", "x");
            Assert.AreEqual(before, Key(package));
        }
    }
}
