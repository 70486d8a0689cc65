using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Nix.Expressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class NixOutputTests
{
    [TestMethod]
    [DataRow("nix (Nix) 2.8.0", "2.8.0")]
    [DataRow("nix (Nix) 2.24.10\n", "2.24.10")]
    [DataRow("nix (Lix, like Nix) 2.93.0", "2.93.0")]
    [DataRow("nix (Determinate Nix 3.6.2) 2.29.0", "2.29.0")]
    [DataRow("nix (Nix) 2.3", "2.3")]
    public void Reads_the_version_of_every_flavour(string text, string expected) =>
        Assert.AreEqual(Version.Parse(expected), NixVersion.Parse(text));

    [TestMethod]
    public void No_version_number_is_null() => Assert.IsNull(NixVersion.Parse("command not found"));

    [TestMethod]
    public void Build_results_are_keyed_by_derivation_and_output_not_position()
    {
        // As Nix 2.8 prints them: sorted by derivation, not in the order asked for.
        const string json = """
            [{"drvPath":"/nix/store/aaa-greet-riscv64.drv","outputs":{"out":"/nix/store/o1-greet"}},
             {"drvPath":"/nix/store/bbb-zlib.drv","outputs":{"dev":"/nix/store/o2-zlib-dev","out":"/nix/store/o3-zlib"},"startTime":0,"stopTime":0,"cpuUser":1}]
            """;
        var results = NixJson.ParseBuildResults(json);
        Assert.AreEqual("/nix/store/o1-greet", results[new DerivationOutput("/nix/store/aaa-greet-riscv64.drv", "out")]);
        Assert.AreEqual("/nix/store/o2-zlib-dev", results[new DerivationOutput("/nix/store/bbb-zlib.drv", "dev")]);
        Assert.AreEqual(3, results.Count);
    }

    [TestMethod]
    public void The_evaluation_maps_attributes_to_derivations_and_a_candidate_that_threw_to_null()
    {
        var index = NixJson.ParseEvaluation("""{"linux-arm64--greet--out":{"drv":"/nix/store/x-greet.drv","output":"out","path":"/nix/store/y-greet"},"linux-riscv64-emulated--toolchain":null}""");
        Assert.AreEqual(new EvaluatedOutput("/nix/store/x-greet.drv", "out", "/nix/store/y-greet"), index["linux-arm64--greet--out"]);
        Assert.IsNull(index["linux-riscv64-emulated--toolchain"]);
    }

    [TestMethod]
    public void Derivation_outputs_are_installables_without_evaluation_in_each_Nix_version()
    {
        var output = new DerivationOutput("/nix/store/x-greet.drv", "lib");
        Assert.AreEqual("/nix/store/x-greet.drv", NixCommandLine.Installable(output, new Version(2, 8)), "2.8-2.12 build a bare .drv path's outputs");
        Assert.AreEqual("/nix/store/x-greet.drv^lib", NixCommandLine.Installable(output, new Version(2, 13)));
        Assert.AreEqual("/nix/store/x-greet.drv^lib", NixCommandLine.Installable(output, new Version(2, 93)), "Lix");
    }

    [TestMethod]
    public void Unreadable_output_is_CROSS0013()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => NixJson.ParseBuildResults("{not json"));
        Assert.AreEqual(DiagnosticCodes.UnexpectedNixOutput, ex.Code);
    }

    [TestMethod]
    public void Command_lines_use_only_flags_Nix_2_8_has()
    {
        var build = NixCommandLine.Build(["/nix/store/a.drv", "/nix/store/b.drv"], "/obj/cross/gcroots/result", ["-j", "4"]);
        CollectionAssert.AreEqual(
            new[] { "--extra-experimental-features", "nix-command", "build", "--json", "--log-format", "internal-json", "--out-link", "/obj/cross/gcroots/result", "-j", "4", "/nix/store/a.drv", "/nix/store/b.drv" },
            build.ToArray());
        Assert.IsFalse(build.Contains("--print-out-paths"));
        Assert.IsFalse(build.Contains("-f"), "building derivations evaluates nothing");
        var evaluate = NixCommandLine.Evaluate("/obj/cross/crosssdk.nix", [], []);
        Assert.IsFalse(evaluate.Contains("--expr"), "--expr is pure: it cannot import the project's absolute paths");
    }
}
