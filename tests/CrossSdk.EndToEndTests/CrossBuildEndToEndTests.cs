using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The real dotnet against the packed SDK, real nix with the offline package set, Debian's cross
/// compilers, and QEMU: the HelloNative sample built, published, packed and run.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class CrossBuildEndToEndTests
{
    private const string TwoTargets = "-p:CrossTargets=\"aarch64-linux,riscv64-linux\"";

    [TestMethod]
    public async Task Building_for_two_targets_puts_each_library_under_its_RID_with_one_nix_build()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        // A source of its own: with another test's emulated build of it in the store (and not the
        // cross one), `auto` would rightly fetch nothing and choose that.
        sample.SaltSource();

        var build = await sample.DotNetAsync("build", sample.App, TwoTargets, $"-p:CrossNixExecutable={sample.RecordingNix}");

        Assert.AreEqual(0, build.ExitCode, build.All);
        foreach (var name in new[] { "libgreet.so", "libgreet.so.1" })
        {
            await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm64", "native", name), "aarch64-linux", "AArch64");
            await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput(), "runtimes", "linux-riscv64", "native", name), "riscv64-linux", "RISC-V");
        }

        CollectionAssert.AreEquivalent(
            new[] { "libgreet.so", "libgreet.so.1" },
            Directory.GetFiles(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm64", "native")).Select(Path.GetFileName).ToArray(),
            "the versioned chain ships as the SONAME and the unversioned name");
        var calls = File.ReadAllLines(sample.NixCallLog);
        Assert.AreEqual(1, calls.Count(c => c.Contains(" build --json ", StringComparison.Ordinal)), "one nix build for all targets:\n" + string.Join("\n", calls));
        // Evaluating a real nixpkgs costs seconds per process: a cold `auto` build of two targets
        // evaluates once; the planner's dry runs and the build read derivations only.
        Assert.AreEqual(1, calls.Count(NixCalls.Evaluates), "one evaluating nix process:\n" + string.Join("\n", calls));
        StringAssert.Contains(build.StandardOutput, "aarch64-linux -> cross (pkgsCross.aarch64-multiplatform)");
        StringAssert.Contains(build.StandardOutput, "riscv64-linux -> cross (pkgsCross.riscv64)");
    }

    [TestMethod]
    public async Task A_second_build_with_nothing_changed_starts_no_nix_and_a_source_edit_rebuilds()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        string[] args = ["build", sample.App, TwoTargets, $"-p:CrossNixExecutable={sample.RecordingNix}"];

        var first = await sample.DotNetAsync(args);
        Assert.AreEqual(0, first.ExitCode, first.All);
        var callsAfterFirst = sample.NixCalls;
        Assert.IsTrue(callsAfterFirst > 0, "the first build runs nix");

        var second = await sample.DotNetAsync(args);
        Assert.AreEqual(0, second.ExitCode, second.All);
        Assert.AreEqual(callsAfterFirst, sample.NixCalls, "a no-op build starts no nix process");

        var source = Path.Combine(sample.Library, "native", "greet.c");
        File.WriteAllText(source, File.ReadAllText(source).Replace("Hello, %s", "Hi, %s", StringComparison.Ordinal));
        var third = await sample.DotNetAsync(args);
        Assert.AreEqual(0, third.ExitCode, third.All);
        Assert.IsTrue(sample.NixCalls > callsAfterFirst, "an edited C file rebuilds");
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm64", "native", "libgreet.so"), "aarch64-linux", "AArch64");
        var rebuilt = File.ReadAllText(Path.Combine(sample.AppOutput(), "runtimes", "linux-arm64", "native", "libgreet.so"), System.Text.Encoding.Latin1);
        Assert.IsTrue(rebuilt.Contains("Hi, %s", StringComparison.Ordinal), "the app's output has the rebuilt library");
    }

    [TestMethod]
    public async Task Outputs_and_each_targets_toolchain_are_rooted_against_garbage_collection()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross");

        Assert.AreEqual(0, build.ExitCode, build.All);
        var roots = Directory.GetFileSystemEntries(sample.LibraryCross("gcroots"))
            .Select(r => File.ResolveLinkTarget(r, returnFinalTarget: false)?.FullName ?? "")
            .ToList();
        Assert.IsTrue(roots.All(r => r.StartsWith("/nix/store/", StringComparison.Ordinal)), string.Join("\n", roots));
        Assert.IsTrue(roots.Any(r => r.Contains("greet-aarch64-unknown-linux-gnu", StringComparison.Ordinal)), string.Join("\n", roots));
        Assert.IsTrue(roots.Any(r => r.Contains("aarch64-unknown-linux-gnu-gcc-wrapper", StringComparison.Ordinal)), "the toolchain is rooted:\n" + string.Join("\n", roots));
        var gcRoots = await Processes.RunAsync("nix-store", ["--gc", "--print-roots"]);
        StringAssert.Contains(gcRoots.StandardOutput, sample.LibraryCross("gcroots", "result"));
    }

    [TestMethod]
    public async Task Publishing_for_linux_arm64_runs_under_QEMU_and_calls_the_cross_built_library()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var publishDir = Path.Combine(sample.Root, "publish");

        var publish = await sample.DotNetAsync("publish", sample.App, "-r", "linux-arm64", "--self-contained", "-o", publishDir);

        Assert.AreEqual(0, publish.ExitCode, publish.All);
        await ElfAssert.IsForAsync(Path.Combine(publishDir, "libgreet.so"), "aarch64-linux", "AArch64");
        var run = await Processes.RunAsync(
            "qemu-aarch64-static",
            [Path.Combine(publishDir, "HelloNative"), "QEMU"],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, QEMU, from native code built for aarch64!");
        StringAssert.Contains(run.StandardOutput, "process: Arm64, native library: aarch64");
    }

    [TestMethod]
    public async Task A_portable_host_build_finds_its_library_through_deps_json()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.App);

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, "x86_64-linux -> native (system x86_64-linux)");
        var appDll = Path.Combine(sample.AppOutput(), "HelloNative.dll");
        var run = await Processes.RunAsync("dotnet", [appDll, "host"]);
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "Hello, host, from native code built for x86_64!");

        // Without the copy next to the app, only deps.json's runtimeTargets lead to the library.
        File.Delete(Path.Combine(sample.AppOutput(), "libgreet.so"));
        StringAssert.Contains(File.ReadAllText(Path.Combine(sample.AppOutput(), "HelloNative.deps.json")), "runtimes/linux-x64/native/libgreet.so");
        var viaDeps = await Processes.RunAsync("dotnet", [appDll, "deps"]);
        Assert.AreEqual(0, viaDeps.ExitCode, viaDeps.All);
        StringAssert.Contains(viaDeps.StandardOutput, "Hello, deps, from native code built for x86_64!");
    }

    [TestMethod]
    public async Task A_RID_on_the_app_flows_to_the_library_that_holds_the_CrossPackage()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.App, "-r", "linux-arm64", $"-p:CrossNixExecutable={sample.RecordingNix}");

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput("linux-arm64"), "runtimes", "linux-arm64", "native", "libgreet.so.1"), "aarch64-linux", "AArch64");

        // publish --no-build takes the files from obj/cross/manifest.json, without Nix.
        var calls = sample.NixCalls;
        var publishDir = Path.Combine(sample.Root, "publish");
        var publish = await sample.DotNetAsync("publish", sample.App, "-r", "linux-arm64", "-c", "Debug", "--no-build", "-o", publishDir, $"-p:CrossNixExecutable={sample.RecordingNix}");
        Assert.AreEqual(0, publish.ExitCode, publish.All);
        await ElfAssert.IsForAsync(Path.Combine(publishDir, "libgreet.so"), "aarch64-linux", "AArch64");
        Assert.AreEqual(calls, sample.NixCalls, "--no-build starts no nix");
    }

    [TestMethod]
    public async Task Pack_puts_each_target_under_runtimes_also_without_building()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var packages = Path.Combine(sample.Root, "packages");

        var pack = await sample.DotNetAsync("pack", sample.Library, TwoTargets, "-o", packages);
        Assert.AreEqual(0, pack.ExitCode, pack.All);
        var expected = new[]
        {
            "runtimes/linux-arm64/native/libgreet.so", "runtimes/linux-arm64/native/libgreet.so.1",
            "runtimes/linux-riscv64/native/libgreet.so", "runtimes/linux-riscv64/native/libgreet.so.1",
        };
        CollectionAssert.IsSubsetOf(expected, NupkgEntries(packages));

        File.Delete(Directory.GetFiles(packages, "*.nupkg").Single());
        var noBuild = await sample.DotNetAsync("pack", sample.Library, TwoTargets, "--no-build", "-o", packages);
        Assert.AreEqual(0, noBuild.ExitCode, noBuild.All);
        CollectionAssert.IsSubsetOf(expected, NupkgEntries(packages));
    }

    [TestMethod]
    public async Task A_project_under_folders_with_spaces_quotes_and_interpolations_builds()
    {
        // A backslash in a folder name is not here: MSBuild itself cannot load such a project on
        // Unix (MSB4025); NixStringTests cover backslashes in generated Nix. The project is built
        // from its own folder because MSBuild's command line strips quotes from a project path.
        using var sample = await SampleWorkspace.CreateAsync("dir with space \"q\" ${HOME} $(x)");

        var build = await DotNet.RunAsync(sample.Library, "build", "-p:CrossTarget=aarch64-linux");

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
    }

    private static string[] NupkgEntries(string folder)
    {
        using var zip = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(folder, "*.nupkg").Single());
        return zip.Entries.Select(e => e.FullName).ToArray();
    }
}
