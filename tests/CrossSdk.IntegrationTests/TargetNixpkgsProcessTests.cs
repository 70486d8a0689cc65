using System.Text.RegularExpressions;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Expressions;
using CrossSdk.Pipeline;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Integration;

/// <summary>A nixpkgs per target, evaluated by the real nix and built through the recorded one (with a library from the cross gcc).</summary>
[TestClass]
public sealed class TargetNixpkgsProcessTests
{
    private static string Bullseye => Path.Combine(Repo.Root, "tests", "nixpkgs-bullseye");

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task Each_distinct_nixpkgs_is_imported_once_and_a_target_is_built_from_its_own()
    {
        using var dir = new TempDirectory();
        var bullseye = NixpkgsSource.FromFolder(Bullseye);
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(
            NixpkgsSource.FromFolder(Repo.OfflineNixpkgs), "x86_64-linux",
            [Plan("aarch64-linux"), Plan("riscv64-linux"), Plan("armv7l-linux")],
            [], "header") { TargetNixpkgs = new Dictionary<string, NixpkgsSource> { ["linux-arm64"] = bullseye, ["linux-arm"] = bullseye } });

        Assert.AreEqual(1, Regex.Count(generated.Text, @"^  nixpkgs2 = ", RegexOptions.Multiline), generated.Text);
        Assert.IsFalse(generated.Text.Contains("nixpkgs3", StringComparison.Ordinal), "one import per distinct nixpkgs");
        StringAssert.Contains(generated.Text, "linux-arm64 = (hostPkgs2.pkgsCross.aarch64-multiplatform");
        StringAssert.Contains(generated.Text, "linux-riscv64 = (hostPkgs.pkgsCross.riscv64");

        var file = dir.Write("crosssdk.nix", generated.Text);
        var names = await Processes.NixEvalJsonAsync($"builtins.mapAttrs (n: v: v.name) (import {NixString.Path(file)})");

        StringAssert.Contains(names, "\"linux-arm64--toolchain\":\"aarch64-unknown-linux-gnu-gcc-wrapper-12-glibc-2.31\"");
        StringAssert.Contains(names, "\"linux-riscv64--toolchain\":\"riscv64-unknown-linux-gnu-gcc-wrapper-12\"");
        StringAssert.Contains(names, "\"linux-arm--toolchain\":\"armv7l-unknown-linux-gnueabihf-gcc-wrapper-12\"", "the older set changes only its aarch64 glibc stdenv");
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task A_build_with_a_target_nixpkgs_evaluates_once_and_a_no_op_starts_no_nix()
    {
        using var dir = new TempDirectory();
        var project = Path.Combine(dir.Path, "project");
        dir.Write("project/native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        var source = dir.Write("project/native/greet.c", "int greet(void) { return 42; }\n");
        Directory.CreateDirectory(Path.Combine(dir.Path, "outputs", "lib"));
        var compiled = await Processes.RunAsync("aarch64-linux-gnu-gcc", ["-shared", "-fPIC", "-o", Path.Combine(dir.Path, "outputs", "lib", "libgreet.so"), source]);
        Assert.AreEqual(0, compiled.ExitCode, compiled.All);
        var nix = new RecordedNix(Path.Combine(dir.Path, "store"), name => name.Contains("--greet--", StringComparison.Ordinal) ? Path.Combine(dir.Path, "outputs") : null);
        var service = TestServices.CrossBuild(nix);
        var request = TestServices.Request(project) with
        {
            Strategy = "cross",
            Portability = "off",
            TargetNixpkgs = new Dictionary<string, string> { ["aarch64-linux"] = Bullseye },
        };

        var manifest = await service.RunAsync(request, CancellationToken.None);

        Assert.AreEqual(1, nix.Evaluations);
        var generated = File.ReadAllText(Path.Combine(request.IntermediateDirectory, CandidatePlanner.ExpressionFileName));
        StringAssert.Contains(generated, $"nixpkgs2 = {NixString.Path(Bullseye)};");
        StringAssert.Contains(generated, "linux-arm64 = (hostPkgs2.pkgsCross.aarch64-multiplatform");
        Assert.AreEqual("libgreet.so", manifest.Files.Single().FileName);

        var calls = nix.Calls.Count;
        await service.RunAsync(request, CancellationToken.None);
        Assert.AreEqual(calls, nix.Calls.Count, "a no-op starts no nix process");
    }

    private static TargetPlan Plan(string target) => new(PlatformCatalog.Resolve(target, "t"), Strategy.Cross, "test");
}
