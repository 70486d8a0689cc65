using CrossSdk.Nix;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
[TestCategory("RealProcesses")]
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
        Assert.AreEqual("hostPkgs.pkgsMusl", ExpressionGenerator.PkgsExpression(Plan("linux-musl-x64", Strategy.Native), host));
        Assert.AreEqual("(import nixpkgs { localSystem = { system = \"i686-linux\"; }; })", ExpressionGenerator.PkgsExpression(Plan("i686-linux", Strategy.Native), host));
        Assert.AreEqual("(import nixpkgs { localSystem = { system = \"aarch64-linux\"; }; })", ExpressionGenerator.PkgsExpression(Plan("aarch64-linux", Strategy.Emulated), host));
        Assert.AreEqual("(import nixpkgs { localSystem = { system = \"aarch64-linux\"; }; }).pkgsMusl", ExpressionGenerator.PkgsExpression(Plan("linux-musl-arm64", Strategy.Emulated), host));
    }

    [TestMethod]
    public void Candidate_plans_of_one_target_get_attribute_names_of_their_own()
    {
        var generated = ExpressionGenerator.Generate(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross) with { Key = "linux-arm64-cross" }, Plan("aarch64-linux", Strategy.Emulated) with { Key = "linux-arm64-emulated" }],
            [Greet], "header");
        CollectionAssert.AreEqual(
            new[] { "linux-arm64-cross--toolchain", "linux-arm64-cross--greet--out", "linux-arm64-emulated--toolchain", "linux-arm64-emulated--greet--out" },
            generated.Attributes.Select(a => a.Name).ToArray());
    }

    [TestMethod]
    public void One_attribute_per_target_package_and_output_plus_each_toolchain()
    {
        var generated = ExpressionGenerator.Generate(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("riscv64-linux", Strategy.Cross)],
            [Greet, Zlib], "header");
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

    [TestMethod]
    public async Task Generated_text_parses_with_Nix_own_parser()
    {
        using var dir = new TempDirectory();
        var generated = ExpressionGenerator.Generate(
            NixpkgsSource.FromFolder("/opt/nix pkgs/\"quoted\"/${x}"), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("x86_64-linux", Strategy.Native), Plan("armv7l-linux", Strategy.Emulated)],
            [Greet with { Source = "/home/me/my \"app\"/${HOME}/native/greet.nix" }, Zlib], "multi\nline header");
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
        var generated = ExpressionGenerator.Generate(
            NixpkgsSource.FromFolder(Path.GetDirectoryName(nixpkgs)!), "x86_64-linux",
            [Plan("x86_64-linux", Strategy.Native)],
            [Greet with { Source = Path.Combine(hostile, "greet.nix") }], "test");
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
        var generated = ExpressionGenerator.Generate(
            NixpkgsSource.SearchPath(null), "x86_64-linux",
            [Plan("aarch64-linux", Strategy.Cross), Plan("riscv64-linux", Strategy.Emulated), Plan("x86_64-linux", Strategy.Native)],
            [Greet with { Overlays = [gcc11, armOnly] }, Zlib with { Compiler = "gcc11" }], "header");

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
