using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

/// <summary>Values with a grammar are checked before they reach generated Nix or a path.</summary>
[TestClass]
public sealed class InputValidationTests
{
    [TestMethod]
    [DataRow("linux-arm64")]
    [DataRow("ubuntu.20.04-arm64")]
    [DataRow("linux-musl-riscv64")]
    public void A_RID_of_letters_digits_dashes_and_dots_is_accepted(string rid) =>
        Assert.AreEqual(rid, PlatformCatalog.Resolve("aarch64-linux", "CrossTarget", rid).Rid);

    [TestMethod]
    [DataRow("pwn.${builtins.abort \"x\"}.z")]
    [DataRow("../../etc")]
    [DataRow("linux arm64")]
    [DataRow("linux-arm64\n")]
    [DataRow("-linux")]
    [DataRow("linux..arm64")]
    public void Any_other_Rid_is_CROSS0030_naming_the_Rid_metadata(string rid)
    {
        var error = Assert.ThrowsExactly<CrossException>(() => PlatformCatalog.Resolve("aarch64-linux", "CrossTarget", rid + "x"));
        Assert.AreEqual(DiagnosticCodes.InvalidRid, error.Code);
        StringAssert.Contains(error.Message, "The Rid metadata of CrossTarget 'aarch64-linux'");
    }

    [TestMethod]
    public void A_triple_with_code_in_a_part_is_not_a_triple()
    {
        Assert.IsNull(Triples.TryParse("aarch64-${x}-linux-gnu"));
        Assert.IsNull(Triples.TryParse("aarch64-unknown-linux-gnu\"x"));
        Assert.IsNotNull(Triples.TryParse("aarch64-unknown-linux-gnu"));
    }

    [TestMethod]
    public void Output_names_follow_Nix_and_anything_else_is_CROSS0031()
    {
        Assert.AreEqual(2, PackageMetadata.ValidOutputs(["out", "dev"], "zlib").Count);
        foreach (var bad in new[] { "x.${builtins.abort \"x\"}.y", "drv", ".hidden", "a b", "a\"b" })
        {
            var error = Assert.ThrowsExactly<CrossException>(() => PackageMetadata.ValidOutputs([bad], "zlib"), bad);
            Assert.AreEqual(DiagnosticCodes.InvalidOutputName, error.Code);
        }
    }

    [TestMethod]
    public void Include_globs_that_leave_the_output_are_CROSS0032()
    {
        Assert.AreEqual(2, PackageMetadata.ValidInclude(["lib/**/*.so*", "bin/*"], "zlib").Count);
        foreach (var bad in new[] { "/etc/passwd", "../../etc/*", "lib/../../x", "lib\\..\\..\\x" })
        {
            var error = Assert.ThrowsExactly<CrossException>(() => PackageMetadata.ValidInclude([bad], "zlib"), bad);
            Assert.AreEqual(DiagnosticCodes.InvalidIncludeGlob, error.Code);
        }
    }

    [TestMethod]
    public void A_dotted_RID_gives_attribute_names_that_are_plain_identifiers_and_unique()
    {
        var target = PlatformCatalog.Resolve("aarch64-linux", "CrossTarget", "ubuntu.20.04-arm64");
        var other = PlatformCatalog.Resolve("aarch64-linux", "CrossTarget", "linux-arm64");
        var greet = new PackageSpec("greet", PackageKind.File, "/src/greet.nix", ["out"], PackageSpec.DefaultInclude, "greet.nix");

        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [new TargetPlan(target, Strategy.Cross, "t"), new TargetPlan(other, Strategy.Cross, "t") { Key = new PlanKey("ubuntu_20_04-arm64", null) }],
            [greet], "header") { HostTools = ["patchelf"] });

        Assert.IsTrue(generated.Attributes.All(a => NixString.IsIdentifier(a.Name) && !a.Name.Contains('.')));
        Assert.AreEqual(generated.Attributes.Count, generated.Attributes.Select(a => a.Name).Distinct().Count(), "two RIDs that sanitize alike still get names of their own");
        Assert.AreEqual("ubuntu.20.04-arm64", generated.Attributes.First(a => a.IsToolchain).Plan!.Target.Rid, "the real RID travels with the attribute");
        Assert.AreEqual("patchelf", generated.Attributes.Single(a => a.IsTool).Tool);
    }

    [TestMethod]
    public void A_carriage_return_in_the_header_cannot_end_the_comment()
    {
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.SearchPath(null), "x86_64-linux", [], [], "for A\r x = builtins.abort \"y\"; #"));

        Assert.IsFalse(generated.Text.Contains('\r'), generated.Text);
    }
}
