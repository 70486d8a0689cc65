using CrossSdk.Diagnostics;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>Triples against the real nix's derivations.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class TriplesProcessTests
{
    [TestMethod]
    public async Task crossSystem_config_gives_the_same_derivation_as_the_pkgsCross_name_in_real_Nix()
    {
        using var dir = new TempDirectory();
        var greet = Path.Combine(Repo.Samples, "HelloNative", "Greet", "native", "greet.nix");
        var package = new PackageSpec("greet", PackageKind.File, greet, ["out"], PackageSpec.DefaultInclude, "native/greet.nix");
        var byName = PlatformCatalog.Resolve("aarch64-linux", "t");
        var byConfig = byName with { PkgsCross = null, Rid = "linux-arm64-byconfig" };
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.FromFolder(Repo.OfflineNixpkgs), "x86_64-linux",
            [new TargetPlan(byName, Strategy.Cross, "t"), new TargetPlan(byConfig, Strategy.Cross, "t")],
            [package], "test"));
        StringAssert.Contains(generated.Text, "crossSystem = { config = \"aarch64-unknown-linux-gnu\"; }");
        var file = dir.Write("crosssdk.nix", generated.Text);

        var json = await Processes.NixEvalJsonAsync(
            $"let g = import {NixString.Path(file)}; in [ g.linux-arm64--greet--out.drvPath g.linux-arm64-byconfig--greet--out.drvPath ]");

        var paths = System.Text.Json.JsonSerializer.Deserialize<string[]>(json)!;
        Assert.AreEqual(paths[0], paths[1]);
    }
}
