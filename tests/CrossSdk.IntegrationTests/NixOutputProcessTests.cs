using CrossSdk.Diagnostics;
using CrossSdk.Nix.Commands;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The one evaluation, with the real nix.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class NixOutputProcessTests
{
    [TestMethod]
    public async Task The_one_evaluation_tolerates_a_throwing_candidate_and_reports_the_others_with_real_Nix()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("candidates.nix", """
            {
              good = (derivation { name = "good"; system = "x86_64-linux"; builder = "/bin/sh"; outputs = [ "out" "lib" ]; }).lib;
              bad = throw "no emulated stdenv for riscv64-linux";
            }
            """);
        var result = await Processes.RunAsync("nix", NixCommandLine.Evaluate(file, ["bad"], []));

        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        var index = NixJson.ParseEvaluation(result.StandardOutput);
        StringAssert.EndsWith(index["good"]!.DrvPath, "-good.drv");
        Assert.AreEqual("lib", index["good"]!.OutputName);
        StringAssert.EndsWith(index["good"]!.OutPath, "-good-lib");
        Assert.IsNull(index["bad"]);

        var strict = await Processes.RunAsync("nix", NixCommandLine.Evaluate(file, [], []));
        Assert.AreNotEqual(0, strict.ExitCode, "an attribute that is not a candidate fails the evaluation with Nix's own error");
        StringAssert.Contains(strict.StandardError, "no emulated stdenv for riscv64-linux");
    }
}
