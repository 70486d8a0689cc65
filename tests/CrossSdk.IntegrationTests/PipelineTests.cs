using CrossSdk.Host;
using CrossSdk.Pipeline;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Settings;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Integration;

/// <summary>
/// The orchestration against a recorded Nix: which nix processes a build starts, in what order,
/// how many of them evaluate (each costs seconds with a real nixpkgs), and that a no-op starts none.
/// </summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class PipelineTests
{
    [TestMethod]
    public async Task A_cold_auto_build_of_two_targets_evaluates_once_and_a_no_op_starts_no_nix()
    {
        using var dir = new TempDirectory();
        var (service, nix, request) = await SetUpAsync(dir);

        var manifest = await service.RunAsync(request, CancellationToken.None);

        Assert.AreEqual(1, nix.Evaluations, Describe(nix));
        Assert.AreEqual(1, nix.Calls.Count(c => c.Contains("build") && c.Contains("--json") && !c.Contains("--dry-run")), "one nix build for every target:\n" + Describe(nix));
        Assert.AreEqual(2, nix.Calls.Count(c => c.Contains("--dry-run") && c.Any(a => a.Contains("linux-arm64-", StringComparison.Ordinal) && a.Contains("--greet--", StringComparison.Ordinal))), "a dry run per candidate of the open target, of derivation paths:\n" + Describe(nix));
        Assert.IsTrue(nix.Calls.Where(c => c.Contains("--dry-run")).All(c => !c.Contains("-f")), "dry runs evaluate nothing");
        CollectionAssert.AreEquivalent(new[] { "linux-arm64", "linux-riscv64" }, manifest.Files.Select(f => f.Rid).Distinct().ToArray());
        Assert.IsTrue(File.Exists(Path.Combine(request.IntermediateDirectory, CrossBuildService.CandidatesFileName)), "the candidates are one file");

        var calls = nix.Calls.Count;
        var again = await service.RunAsync(request, CancellationToken.None);

        Assert.AreEqual(calls, nix.Calls.Count, "a no-op starts no nix process");
        Assert.AreEqual(manifest.Key, again.Key);
    }

    [TestMethod]
    public async Task A_rebuild_after_a_source_edit_evaluates_once_more_and_does_not_probe_the_host_again()
    {
        using var dir = new TempDirectory();
        var (service, nix, request) = await SetUpAsync(dir);
        await service.RunAsync(request, CancellationToken.None);
        var calls = nix.Calls.Count;

        File.AppendAllText(Path.Combine(request.ProjectDirectory, "native", "greet.c"), "\n/* edited */\n");
        await service.RunAsync(request, CancellationToken.None);

        var rebuild = nix.Calls.Skip(calls).ToList();
        Assert.AreEqual(1, rebuild.Count(c => NixCalls.Evaluates(string.Join(' ', c))), Describe(nix));
        Assert.IsFalse(rebuild.Any(c => c.Contains("--version") || c.Contains("show-config")), "the host probe comes from obj/:\n" + Describe(nix));
    }

    [TestMethod]
    public async Task A_changed_key_whose_derivations_are_built_and_rooted_starts_no_nix_build()
    {
        using var dir = new TempDirectory();
        var (_, nix, request) = await SetUpAsync(dir);
        var log = new RecordingLog();
        var service = TestServices.CrossBuild(nix, log);
        var first = await service.RunAsync(request, CancellationToken.None);
        var calls = nix.Calls.Count;

        // A CrossInput changes the key, not what Nix builds.
        var again = await service.RunAsync(request with { ExtraInputs = [dir.Write("project/notes.txt", "x")] }, CancellationToken.None);

        var rebuild = nix.Calls.Skip(calls).ToList();
        Assert.AreEqual(1, rebuild.Count(c => NixCalls.Evaluates(string.Join(' ', c))), Describe(nix));
        Assert.AreEqual(0, rebuild.Count(c => c.Contains("build") && !c.Contains("--dry-run")), "every output is in the store under the last build's roots:\n" + Describe(nix));
        Assert.AreNotEqual(first.Key, again.Key);
        CollectionAssert.AreEquivalent(first.Files.Select(f => f.Sha256).ToArray(), again.Files.Select(f => f.Sha256).ToArray());
        var roots = Directory.GetFileSystemEntries(Path.Combine(request.IntermediateDirectory, "gcroots")).Select(l => new FileInfo(l).LinkTarget).ToList();
        Assert.IsTrue(first.Files.Count > 0 && roots.Count > 0, "the outputs stay rooted");
        Assert.IsTrue(log.Messages.Any(m => m.Contains("nothing to build, no nix build started", StringComparison.Ordinal)), "the skip is said in the log");
    }

    [TestMethod]
    public async Task A_log_that_does_not_say_what_Nix_read_is_a_warning_and_the_next_build_evaluates_again()
    {
        using var dir = new TempDirectory();
        var (_, nix, request) = await SetUpAsync(dir);
        var log = new RecordingLog();
        var service = TestServices.CrossBuild(nix, log);
        request = request with { NixOptions = ["--quiet"] };
        await service.RunAsync(request, CancellationToken.None);
        var calls = nix.Calls.Count;

        await service.RunAsync(request, CancellationToken.None);

        Assert.AreEqual("CROSS0090", log.Warnings.First().Code);
        StringAssert.Contains(log.Warnings.First().Text, "--quiet");
        Assert.AreEqual(1, nix.Calls.Skip(calls).Count(c => NixCalls.Evaluates(string.Join(' ', c))), "without knowing what was read, nothing is up to date:\n" + Describe(nix));
    }

    [TestMethod]
    public async Task A_warm_build_whose_cross_outputs_are_in_the_store_needs_no_dry_run()
    {
        using var dir = new TempDirectory();
        var (service, nix, request) = await SetUpAsync(dir);
        await service.RunAsync(request, CancellationToken.None);
        Directory.Delete(request.IntermediateDirectory, recursive: true);
        var calls = nix.Calls.Count;

        var manifest = await service.RunAsync(request, CancellationToken.None);

        var warm = nix.Calls.Skip(calls).ToList();
        Assert.AreEqual(0, warm.Count(c => c.Contains("--dry-run")), Describe(nix));
        Assert.AreEqual(1, warm.Count(c => NixCalls.Evaluates(string.Join(' ', c))), Describe(nix));
        Assert.AreEqual(2, manifest.Files.Select(f => f.Rid).Distinct().Count());
    }

    [TestMethod]
    public async Task Auto_chooses_the_cheaper_candidate_from_the_dry_runs()
    {
        using var dir = new TempDirectory();
        var (service, nix, request) = await SetUpAsync(dir);
        nix.DerivationsToBuild["linux-arm64-cross"] = 40;
        nix.DerivationsToBuild["linux-arm64-emulated"] = 1;

        var log = new RecordingLog();
        var plan = await TestServices.CrossBuild(nix, log)
            .PlanAsync(service.Prepare(request), CancellationToken.None);

        Assert.AreEqual(Strategy.Emulated, plan.Plans.Single(p => p.Target.Rid == "linux-arm64").Strategy, "1 x 16 < 40");
        Assert.AreEqual(Strategy.Cross, plan.Plans.Single(p => p.Target.Rid == "linux-riscv64").Strategy, "no emulator for riscv64 in this binfmt folder");
        Assert.AreEqual(1, nix.Evaluations);
    }

    [TestMethod]
    public async Task A_project_without_packages_writes_an_empty_manifest_and_starts_no_nix()
    {
        using var dir = new TempDirectory();
        var (service, nix, request) = await SetUpAsync(dir);

        var manifest = await service.RunAsync(request with { Packages = [] }, CancellationToken.None);

        Assert.AreEqual(0, manifest.Files.Count);
        Assert.AreEqual(0, nix.Calls.Count);
    }

    private static string Describe(RecordedNix nix) => string.Join("\n", nix.Calls.Select(c => "nix " + string.Join(' ', c)));

    /// <summary>A project with one package, aarch64 (an emulator in the binfmt folder: auto compares) and riscv64 (none: cross).</summary>
    private static async Task<(CrossBuildService Service, RecordedNix Nix, CrossBuildRequest Request)> SetUpAsync(TempDirectory dir)
    {
        dir.Write("project/native/greet.nix", "{ stdenv }: stdenv.mkDerivation { }");
        dir.Write("project/native/greet.c", "int greet(void) { return 42; }\n");
        dir.Write("binfmt/status", "enabled\n");
        dir.Write("binfmt/qemu-aarch64", BinfmtEntries.DebianAarch64);

        // What the package's outputs hold: a real library for each target.
        foreach (var (rid, gcc) in new[] { ("linux-arm64", "aarch64-linux-gnu-gcc"), ("linux-riscv64", "riscv64-linux-gnu-gcc") })
        {
            Directory.CreateDirectory(Path.Combine(dir.Path, "outputs", rid, "lib"));
            var compiled = await Processes.RunAsync(gcc, ["-shared", "-fPIC", "-o", Path.Combine(dir.Path, "outputs", rid, "lib", "libgreet.so"), Path.Combine(dir.Path, "project", "native", "greet.c")]);
            Assert.AreEqual(0, compiled.ExitCode, compiled.All);
        }

        var nix = new RecordedNix(Path.Combine(dir.Path, "store"), name =>
            name.Contains("--greet--", StringComparison.Ordinal) ? Path.Combine(dir.Path, "outputs", name.StartsWith("linux-arm64", StringComparison.Ordinal) ? "linux-arm64" : "linux-riscv64") : null);
        nix.DerivationsToBuild["linux-arm64-cross"] = 1;
        nix.DerivationsToBuild["linux-arm64-emulated"] = 1;
        var service = TestServices.CrossBuild(nix);
        var request = new CrossBuildRequest
        {
            ProjectDirectory = Path.Combine(dir.Path, "project"),
            IntermediateDirectory = Path.Combine(dir.Path, "project", "obj", "cross"),
            CrossSdkVersion = "1.0.0-test",
            ProjectName = "Greet",
            Targets = ["aarch64-linux", "riscv64-linux"],
            Packages = [new PackageItem("native/greet.nix")],
            Nixpkgs = Repo.OfflineNixpkgs,
            Portability = "off",
            BinfmtFolder = Path.Combine(dir.Path, "binfmt"),
        };
        return (service, nix, request);
    }
}
