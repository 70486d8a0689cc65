using System.Text.Json;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;
using CrossSdk.Nix.Expressions;
using CrossSdk.Settings;

namespace CrossSdk.Tests.Integration;

/// <summary>
/// Feeds hostile strings into every property and item metadata that can reach the generated Nix
/// file or a path, through the same code a build runs (resolve, then generate), and asks the real
/// Nix what the file means. Each value must either be refused with a coded error, or give a file
/// that parses and evaluates to exactly the attributes CrossSdk meant, without running any of the
/// value as code: no abort fires, and a canary file that an injected import-from-derivation would
/// create is never there.
/// </summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class HostileInputTests
{
    private static readonly TempDirectory Temp = new("hostile-" + Guid.NewGuid().ToString("N")[..8]);
    private static readonly string Canary = Path.Combine(Temp.Path, "canary");

    /// <summary>Strings that close a string, interpolate, start an indented string, escape, break a line or a comment, climb folders, or are very long.</summary>
    private static IReadOnlyList<string> Payloads { get; } =
    [
        "x\"; y = builtins.abort \"pwned-quote\"; z = \"",
        "${builtins.abort \"pwned-interpolation\"}",
        "'' ${builtins.abort \"pwned-indented\"} ''",
        "\\${builtins.abort \"pwned-backslash\"}",
        "a\n b = builtins.abort \"pwned-newline\";\n#",
        "a\r b = builtins.abort \"pwned-cr\"; #",
        "nul\0byte",
        "../../../../etc/passwd",
        "$(touch " + Canary + ")`touch " + Canary + "`",
        "pwn.${import (builtins.derivation { name = \"c\"; system = builtins.currentSystem; builder = \"/bin/sh\"; args = [ \"-c\" \"echo 1 > " + Canary + "; echo 1 > $out\" ]; __noChroot = true; })}.z",
        new string('a', 5000),
        "spaces and 'single' \"double\" quotes",
    ];

    /// <summary>Where a value can enter: each names the property or metadata and puts the value there.</summary>
    private static IReadOnlyList<(string Slot, Func<string, CrossBuildRequest, CrossBuildRequest> Apply)> Slots { get; } =
    [
        ("CrossTarget", (v, r) => r with { Targets = [v] }),
        ("CrossTarget Rid metadata", (v, r) => r with { TargetRids = new Dictionary<string, string> { ["aarch64-linux"] = v } }),
        ("CrossTarget Rid metadata of a triple", (v, r) => r with { Targets = ["aarch64-unknown-linux-gnu"], TargetRids = new Dictionary<string, string> { ["aarch64-unknown-linux-gnu"] = v } }),
        ("CrossTarget Strategy metadata", (v, r) => r with { TargetStrategies = new Dictionary<string, string> { ["aarch64-linux"] = v } }),
        ("CrossStrategy", (v, r) => r with { Strategy = v }),
        ("CrossPackage Include (a nixpkgs attribute)", (v, r) => r with { Packages = [new PackageItem(v)] }),
        ("CrossPackage Include (a file in a folder named so)", (v, r) => r with { Packages = [new PackageItem(PackageIn(v))] }),
        ("CrossPackage Outputs", (v, r) => r with { Packages = [new PackageItem("zlib", Outputs: v)] }),
        ("CrossPackage Collect globs", (v, r) => r with { Packages = [new PackageItem(Greet, Include: v)] }),
        ("CrossPackage Compiler", (v, r) => r with { Packages = [new PackageItem(Greet, Compiler: v)] }),
        ("CrossPackage Link", (v, r) => r with { Packages = [new PackageItem(Greet, Link: v)] }),
        ("CrossCompiler", (v, r) => r with { Compiler = v }),
        ("CrossOverlay (a file in a folder named so)", (v, r) => r with { Overlays = [new OverlayItem(OverlayIn(v))] }),
        ("CrossOverlay Package", (v, r) => r with { Overlays = [new OverlayItem(OverlayIn("plain"), Package: v)] }),
        ("CrossOverlay Target", (v, r) => r with { Overlays = [new OverlayItem(OverlayIn("plain"), Target: v)] }),
        ("CrossNixpkgs (a folder named so)", (v, r) => r with { Nixpkgs = NixpkgsIn(v) }),
        ("CrossNixpkgs (a path: flake reference)", (v, r) => r with { Nixpkgs = "path:" + NixpkgsIn(v) }),
        ("CrossNixpkgs (a github: flake reference)", (v, r) => r with { Nixpkgs = "github:" + v }),
        ("project name", (v, r) => r with { ProjectName = v }),
        ("CrossPortability", (v, r) => r with { Portability = v }),
        ("CrossGlibcFloor", (v, r) => r with { GlibcFloor = v }),
        ("RuntimeIdentifier (NativeAOT)", (v, r) => r with { AotRid = v }),
    ];

    private static string Greet => Path.Combine(Temp.Path, "project", "native", "greet.nix");

    [ClassInitialize]
    public static void WriteProject(TestContext _)
    {
        Temp.Write("project/native/greet.nix", """
            { stdenv }:
            stdenv.mkDerivation { pname = "greet"; version = "1.0"; src = ./.; buildPhase = "true"; installPhase = "mkdir -p $out/lib"; }
            """);
    }

    [ClassCleanup]
    public static void Cleanup() => Temp.Dispose();

    [TestMethod]
    public async Task The_detector_works_an_unescaped_payload_does_run_and_create_the_canary()
    {
        var canary = Path.Combine(Temp.Path, "control-canary");
        var payload = Payloads[9].Replace(Canary, canary, StringComparison.Ordinal);
        var file = Temp.Write("control.nix", "{ x = \"" + payload + "\"; }");

        var run = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "eval", "--json", .. OfflineOptions, "-f", file, "x"]);

        Assert.IsTrue(File.Exists(canary), "an injected import-from-derivation creates the canary, so the test below can fail:\n" + run.All);
    }

    [TestMethod]
    public async Task No_hostile_value_in_any_property_or_metadata_runs_as_Nix_code()
    {
        var checkedFiles = 0;
        var refused = new List<string>();
        for (var slot = 0; slot < Slots.Count; slot++)
        {
            for (var p = 0; p < Payloads.Count; p++)
            {
                var (name, apply) = Slots[slot];
                var request = apply(Payloads[p], BaseRequest($"s{slot}p{p}"));
                var generated = TryGenerate(request, out var error);
                if (generated is null)
                {
                    StringAssert.StartsWith(error!.Code, "CROSS", $"{name}: a refusal is a coded error");
                    refused.Add($"{name}: {error.Code}");
                    continue;
                }

                await AssertMeansOnlyWhatWasGeneratedAsync(name, Payloads[p], generated, request.IntermediateDirectory);
                checkedFiles++;
            }
        }

        Assert.IsFalse(File.Exists(Canary), "no injected code ran");
        Assert.IsTrue(checkedFiles >= Payloads.Count * 3, $"enough hostile values reached generated Nix to prove something ({checkedFiles})");
        Console.WriteLine($"{checkedFiles} generated files evaluated, {refused.Count} values refused:\n" + string.Join("\n", refused.Distinct()));
    }

    private static async Task AssertMeansOnlyWhatWasGeneratedAsync(string slot, string payload, GeneratedExpression generated, string folder)
    {
        var file = Path.Combine(folder, "crosssdk.nix");
        Directory.CreateDirectory(folder);
        File.WriteAllText(file, generated.Text);
        var context = $"{slot} = {JsonSerializer.Serialize(payload)[..Math.Min(80, payload.Length + 2)]}\n{file}";

        // The names must be exactly the generated ones (a closed string or an interpolation would
        // add, remove or compute a name), each a plain identifier safe on nix's command line.
        Assert.IsTrue(generated.Attributes.All(a => NixString.IsIdentifier(a.Name)), context);
        var names = await NixEvalAsync(file, "a: builtins.attrNames a");
        Assert.AreEqual(0, names.ExitCode, $"the generated file parses and its names evaluate: {context}\n{names.StandardError}");
        CollectionAssert.AreEqual(
            generated.Attributes.Select(a => a.Name).Order(StringComparer.Ordinal).ToArray(),
            JsonSerializer.Deserialize<string[]>(names.StandardOutput)!, context);

        // Every value, forced: a hostile attribute path may be missing from nixpkgs (an ordinary
        // evaluation error), but nothing of the value may run. (A github: reference would try the
        // network, which this machine does not have: its names are checked, not its values.)
        if (generated.Text.Contains("type = \"github\"", StringComparison.Ordinal))
        {
            return;
        }

        var values = await NixEvalAsync(file, "a: builtins.mapAttrs (n: v: v.drvPath) a");
        // Nix quotes the offending source line in its errors, so look for the abort itself.
        Assert.IsFalse(values.All.Contains("evaluation aborted", StringComparison.Ordinal), $"{context}\n{values.All}");
        Assert.IsFalse(File.Exists(Canary), context);
    }

    private static Task<ProcessOutput> NixEvalAsync(string file, string apply) =>
        Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command flakes", "eval", "--json", .. OfflineOptions, "-f", file, "--apply", apply]);

    /// <summary>What eng/nix-env.sh sets, so the test means the same when run on its own: an injected __noChroot builder could run.</summary>
    private static readonly string[] OfflineOptions = ["--option", "sandbox", "relaxed", "--option", "substituters", "", "--option", "build-users-group", ""];

    private static GeneratedExpression? TryGenerate(CrossBuildRequest request, out CrossException? error)
    {
        error = null;
        try
        {
            var prepared = TestServices.CrossBuild().Prepare(request);
            var plans = prepared.Targets.SelectMany(t => new[]
            {
                new TargetPlan(t.Target, Strategy.Cross, "test") { Key = PlanKey.CandidateOf(t.Target, Strategy.Cross) },
                new TargetPlan(t.Target, Strategy.Emulated, "test") { Key = PlanKey.CandidateOf(t.Target, Strategy.Emulated) },
            }).ToList();
            return ExpressionGenerator.Generate(new ExpressionSpec(prepared.Nixpkgs, "x86_64-linux", plans, prepared.Packages, prepared.Header) { HostTools = ["patchelf"], WithBintools = true });
        }
        catch (CrossException ex)
        {
            error = ex;
            return null;
        }
    }

    private static CrossBuildRequest BaseRequest(string name) => new()
    {
        ProjectDirectory = Path.Combine(Temp.Path, "project"),
        IntermediateDirectory = Path.Combine(Temp.Path, "obj", name),
        CrossSdkVersion = "0.0.0-test",
        ProjectName = "Greet",
        Targets = ["aarch64-linux"],
        Packages = [new PackageItem(Greet)],
        Nixpkgs = Repo.OfflineNixpkgs,
    };

    /// <summary>A file name made of the payload, as far as a file system allows ('/' and NUL cannot be in a name; 255 bytes at most).</summary>
    private static string FolderName(string payload)
    {
        var name = payload.Replace('/', '_').Replace('\0', '_');
        return name.Length > 120 ? name[..120] : name is "." or ".." ? "_" + name : name;
    }

    private static string PackageIn(string payload)
    {
        var file = Path.Combine(Temp.Path, "packages", FolderName(payload), "greet.nix");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.Copy(Greet, file);
        }

        return file;
    }

    private static string OverlayIn(string payload)
    {
        var file = Path.Combine(Temp.Path, "overlays", FolderName(payload), "overlay.nix");
        if (!File.Exists(file))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            File.WriteAllText(file, "self: super: { }\n");
        }

        return file;
    }

    private static string NixpkgsIn(string payload)
    {
        var folder = Path.Combine(Temp.Path, "nixpkgs", FolderName(payload));
        if (!Directory.Exists(folder))
        {
            SampleWorkspace.CopyDirectory(Repo.OfflineNixpkgs, folder);
        }

        return folder;
    }
}
