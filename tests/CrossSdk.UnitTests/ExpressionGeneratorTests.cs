using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class ExpressionGeneratorTests
{
    private static TargetPlan Plan(string target, Strategy strategy) =>
        new(PlatformCatalog.Resolve(target, "t"), strategy, "test");

    private static readonly PackageSpec Greet = new("greet", PackageKind.File, "/src/native/greet.nix", ["out"], PackageSpec.DefaultInclude, "native/greet.nix");
    private static readonly PackageSpec Zlib = new("zlib", PackageKind.Attribute, "zlib", ["out", "dev"], PackageSpec.DefaultInclude, "zlib");

    [TestMethod]
    public void Each_strategy_names_its_package_set()
    {
        const string host = "x86_64-linux";
        Assert.AreEqual("(hostPkgs.pkgsCross.aarch64-multiplatform or (throw \"this nixpkgs has no pkgsCross.aarch64-multiplatform\"))", ExpressionGenerator.PkgsExpression(Plan("aarch64-linux", Strategy.Cross), host));
        Assert.AreEqual("(hostPkgs.pkgsCross.riscv64 or (throw \"this nixpkgs has no pkgsCross.riscv64\"))", ExpressionGenerator.PkgsExpression(Plan("riscv64-linux", Strategy.Cross), host));
        Assert.AreEqual("hostPkgs", ExpressionGenerator.PkgsExpression(Plan("x86_64-linux", Strategy.Native), host));
        Assert.AreEqual("(hostPkgs.pkgsMusl or (throw \"this nixpkgs has no pkgsMusl (needed for linux-musl-x64)\"))", ExpressionGenerator.PkgsExpression(Plan("linux-musl-x64", Strategy.Native), host));
        Assert.AreEqual("(import nixpkgs { localSystem = { system = \"i686-linux\"; }; })", ExpressionGenerator.PkgsExpression(Plan("i686-linux", Strategy.Native), host));
        Assert.AreEqual("(import nixpkgs { localSystem = { system = \"aarch64-linux\"; }; })", ExpressionGenerator.PkgsExpression(Plan("aarch64-linux", Strategy.Emulated), host));
        Assert.AreEqual("((import nixpkgs { localSystem = { system = \"aarch64-linux\"; }; }).pkgsMusl or (throw \"this nixpkgs has no pkgsMusl (needed for linux-musl-arm64)\"))", ExpressionGenerator.PkgsExpression(Plan("linux-musl-arm64", Strategy.Emulated), host));
        Assert.AreEqual("(hostPkgs.pkgsCross.aarch64-multiplatform-musl or (throw \"this nixpkgs has no pkgsCross.aarch64-multiplatform-musl\"))", ExpressionGenerator.PkgsExpression(Plan("linux-musl-arm64", Strategy.Cross), host));
        // armv7l musl (Alpine's linux-musl-arm) has no pkgsCross example in nixpkgs: its triple names it.
        Assert.AreEqual("import nixpkgs { localSystem = { system = \"x86_64-linux\"; }; crossSystem = { config = \"armv7l-unknown-linux-musleabihf\"; }; }", ExpressionGenerator.PkgsExpression(Plan("linux-musl-arm", Strategy.Cross), host));
    }

    [TestMethod]
    public void Every_attribute_that_differs_between_candidates_falls_back_to_a_throw_that_tryEval_catches()
    {
        // A missing attribute is an evaluation error builtins.tryEval does not catch: one impossible
        // candidate of auto (a nixpkgs with no pkgsMusl, say) would fail the whole build (CROSS0007).
        // Each attribute that one candidate reaches and the other does not ends in `or (throw ...)`.
        const string host = "x86_64-linux";
        foreach (var rid in new[] { "linux-musl-x64", "linux-musl-arm64", "linux-musl-arm", "linux-arm64", "linux-musl-riscv64" })
        {
            foreach (var strategy in new[] { Strategy.Cross, Strategy.Emulated })
            {
                foreach (var overlays in new[] { null, "[ ]" })
                {
                    var text = ExpressionGenerator.PkgsExpression(Plan(rid, strategy), host, overlays);
                    foreach (var attribute in new[] { "pkgsMusl", "pkgsCross.", "examples." })
                    {
                        var at = text.IndexOf(attribute, StringComparison.Ordinal);
                        if (at >= 0)
                        {
                            var rest = text[at..];
                            var end = rest.IndexOfAny([' ', ';', ')']);
                            StringAssert.StartsWith(rest[end..], " or (throw ", $"{rid} {strategy}: {text}");
                        }
                    }
                }
            }
        }
    }

    [TestMethod]
    public void Candidate_plans_of_one_target_get_attribute_names_of_their_own()
    {
        var arm = PlatformCatalog.Resolve("aarch64-linux", "test");
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross) with { Key = PlanKey.CandidateOf(arm, Strategy.Cross) }, Plan("aarch64-linux", Strategy.Emulated) with { Key = PlanKey.CandidateOf(arm, Strategy.Emulated) }],
            [Greet], "header"));
        CollectionAssert.AreEqual(
            new[] { "linux-arm64-cross--toolchain", "linux-arm64-cross--greet--out", "linux-arm64-emulated--toolchain", "linux-arm64-emulated--greet--out" },
            generated.Attributes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void One_attribute_per_target_package_and_output_plus_each_toolchain()
    {
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("riscv64-linux", Strategy.Cross)],
            [Greet, Zlib], "header"));
        CollectionAssert.AreEqual(
            new[]
            {
                "linux-arm64--toolchain", "linux-arm64--greet--out", "linux-arm64--zlib--out", "linux-arm64--zlib--dev",
                "linux-riscv64--toolchain", "linux-riscv64--greet--out", "linux-riscv64--zlib--out", "linux-riscv64--zlib--dev",
            },
            generated.Attributes.Select(a => a.Name).ToArray());
        Assert.IsTrue(generated.Attributes.All(a => NixString.IsIdentifier(a.Name)), "names are safe as command-line attribute paths");
        StringAssert.Contains(generated.Text, "localSystem = { system = \"x86_64-linux\"; }");
        StringAssert.Contains(generated.Text, "nixpkgs = <nixpkgs>;");
        StringAssert.Contains(generated.Text, "greet = pkgsFor.linux-arm64.callPackage (/. + \"/src/native/greet.nix\") { };");
        StringAssert.Contains(generated.Text, "linux-arm64--zlib--dev = packages.linux-arm64.zlib.dev;");
        Assert.IsFalse(generated.Text.Contains("currentSystem", StringComparison.Ordinal));
    }

}
