using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The generated Nix, parsed and evaluated by the real nix.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class ExpressionGeneratorProcessTests
{
    private static TargetPlan Plan(string target, Strategy strategy) =>
        new(PlatformCatalog.Resolve(target, "t"), strategy, "test");

    private static readonly PackageSpec Greet = new("greet", PackageKind.File, "/src/native/greet.nix", ["out"], PackageSpec.DefaultInclude, "native/greet.nix");
    private static readonly PackageSpec Zlib = new("zlib", PackageKind.Attribute, "zlib", ["out", "dev"], PackageSpec.DefaultInclude, "zlib");

    [TestMethod]
    public async Task Generated_text_parses_with_Nix_own_parser()
    {
        using var dir = new TempDirectory();
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.FromFolder("/opt/nix pkgs/\"quoted\"/${x}"), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("x86_64-linux", Strategy.Native), Plan("armv7l-linux", Strategy.Emulated)],
            [Greet with { Source = "/home/me/my \"app\"/${HOME}/native/greet.nix" }, Zlib], "multi\nline header"));
        var file = dir.Write("crosssdk.nix", generated.Text);
        var result = await Processes.RunAsync("nix-instantiate", ["--parse", file]);
        Assert.AreEqual(0, result.ExitCode, result.StandardError + "\n" + generated.Text);
    }

    [TestMethod]
    public async Task A_hostile_package_path_cannot_inject_code()
    {
        using var dir = new TempDirectory();
        // If the quote closed the string, this would evaluate `builtins.abort`.
        var hostile = dir.Path + "/x\"; injected = builtins.abort \"pwned\"; y = \"${builtins.abort \"pwned\"}";
        Directory.CreateDirectory(hostile);
        File.WriteAllText(Path.Combine(hostile, "greet.nix"), "{ stdenv }: stdenv.name");
        var nixpkgs = dir.Write("nixpkgs/default.nix", "{ localSystem, ... }: { callPackage = f: args: { out = toString f; }; stdenv.cc = localSystem.system; }");
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.FromFolder(Path.GetDirectoryName(nixpkgs)!), "x86_64-linux",
            [Plan("x86_64-linux", Strategy.Native)],
            [Greet with { Source = Path.Combine(hostile, "greet.nix") }], "test"));
        var file = dir.Write("crosssdk.nix", generated.Text);
        var json = await Processes.NixEvalJsonAsync($"import {NixString.Path(file)}");
        var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, string>>(json)!;
        CollectionAssert.AreEquivalent(new[] { "linux-x64--greet--out", "linux-x64--toolchain" }, values.Keys.ToArray());
        Assert.AreEqual(Path.Combine(hostile, "greet.nix"), values["linux-x64--greet--out"], "the package file arrives intact");
        Assert.AreEqual("x86_64-linux", values["linux-x64--toolchain"]);
    }

    [TestMethod]
    public async Task Overlays_get_package_sets_of_their_own_scoped_by_target_and_the_text_parses()
    {
        using var dir = new TempDirectory();
        var arm64 = PlatformCatalog.Resolve("aarch64-linux", "t");
        var gcc11 = new OverlaySpec("/p/nix/gcc 11.nix", null);
        var armOnly = new OverlaySpec("/p/nix/arm \"only\".nix", arm64);
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("riscv64-linux", Strategy.Emulated), Plan("x86_64-linux", Strategy.Native)],
            [Greet with { Overlays = [gcc11, armOnly] }, Zlib with { Compiler = "gcc11" }], "header"));

        StringAssert.Contains(generated.Text, "linux-arm64-overlaid-1 = import nixpkgs { localSystem = { system = \"x86_64-linux\"; }; crossSystem = hostPkgs.lib.systems.examples.aarch64-multiplatform or (throw \"this nixpkgs has no lib.systems.examples.aarch64-multiplatform\"); overlays = [ (import (/. + \"/p/nix/gcc 11.nix\")) (import (/. + \"/p/nix/arm \\\"only\\\".nix\")) ]; };");
        StringAssert.Contains(generated.Text, "linux-riscv64-overlaid-1 = (import nixpkgs { localSystem = { system = \"riscv64-linux\"; }; overlays = [ (import (/. + \"/p/nix/gcc 11.nix\")) ]; });");
        StringAssert.Contains(generated.Text, "linux-x64-overlaid-1 = (import nixpkgs { localSystem = { system = \"x86_64-linux\"; }; overlays = [ (import (/. + \"/p/nix/gcc 11.nix\")) ]; });");
        StringAssert.Contains(generated.Text, "zlib = (let p = pkgsFor.linux-arm64.zlib; in if p ? override then p.override { stdenv = pkgsFor.linux-arm64.gcc11Stdenv; } else p);");
        var file = dir.Write("crosssdk.nix", generated.Text);
        var parse = await Processes.RunAsync("nix-instantiate", ["--parse", file]);
        Assert.AreEqual(0, parse.ExitCode, parse.StandardError + generated.Text);
    }

    [TestMethod]
    public async Task A_nixpkgs_without_the_pkgsCross_name_makes_the_cross_candidate_throw_which_tryEval_catches()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("t.nix", "let hostPkgs = { pkgsCross = { }; }; in builtins.tryEval (" + ExpressionGenerator.PkgsExpression(Plan("aarch64-linux", Strategy.Cross), "x86_64-linux") + ")");

        Assert.AreEqual("""{"success":false,"value":false}""", await Processes.NixEvalJsonAsync($"import {file}"));
    }
}
