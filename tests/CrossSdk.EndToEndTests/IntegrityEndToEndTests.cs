using CrossSdk.Artifacts;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// What a user (or an attacker with a CI variable) can put into a project never runs as Nix code,
/// and nothing that failed a check, or that the project no longer asks for, ever ships.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class IntegrityEndToEndTests
{
    private const string Target = "-p:CrossTarget=aarch64-linux";

    [TestMethod]
    public async Task Nix_code_in_Rid_metadata_is_CROSS0030_naming_Rid_and_no_nix_process_starts()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddItems("""<CrossTarget Include="aarch64-linux" Rid="pwn.${builtins.abort &quot;injected&quot;}.z" />""");

        var build = await sample.DotNetAsync("build", sample.Library, $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0030", "The Rid metadata of CrossTarget 'aarch64-linux'");
        Assert.IsFalse(build.All.Contains("evaluation aborted", StringComparison.Ordinal), build.All);
        Assert.AreEqual(0, sample.NixCalls, "the value is rejected before Nix is started");
    }

    [TestMethod]
    public async Task Nix_code_in_Outputs_metadata_is_CROSS0031_and_no_nix_process_starts()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("unused", new Dictionary<string, string>(), "zlib", """Outputs="x.${builtins.abort &quot;injected&quot;}.y" """);

        var build = await sample.DotNetAsync("build", sample.Library, Target, $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0031");
        Assert.AreEqual(0, sample.NixCalls, "the value is rejected before Nix is started");
    }

    [TestMethod]
    public async Task A_dotted_RID_builds_and_ships_under_that_RID()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddItems("""<CrossTarget Include="aarch64-linux" Rid="ubuntu.20.04-arm64" />""");

        var build = await sample.DotNetAsync("build", sample.Library);

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("ubuntu.20.04-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task A_library_rejected_by_the_glibc_floor_never_ships_and_a_revert_ships_the_good_one()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var source = Path.Combine(sample.Library, "fresh", "fresh.c");
        const string Good = "unsigned int fresh_random(void) { return 4; }\n";
        sample.AddPackage("fresh", TestPackages.Fresh(Good), "fresh/fresh.nix");
        string[] build = ["build", sample.Library, Target, "-p:CrossGlibcFloor=2.28"];

        var good = await sample.DotNetAsync(build);
        Assert.AreEqual(0, good.ExitCode, good.All);

        File.WriteAllText(source, "#include <stdlib.h>\nunsigned int fresh_random(void) { return arc4random(); }\n");
        var rejected = await sample.DotNetAsync(build);
        FailureAssert.AssertFailsWith(rejected, "CROSS0019");
        AssertNothingNeedsGlibc236(sample.LibraryCross("out", "linux-arm64"));
        AssertNothingNeedsGlibc236(sample.LibraryNative("linux-arm64"));
        Assert.IsFalse(Directory.Exists(sample.LibraryCross("out.staging")), "the checked copies are cleaned up");

        // What --no-build and CrossBuildEnabled=false ship comes from the manifest: the last good build.
        var pack = await sample.DotNetAsync("pack", sample.Library, Target, "-c", "Debug", "--no-build", "-o", Path.Combine(sample.Root, "packages"));
        Assert.AreEqual(0, pack.ExitCode, pack.All);
        var packed = Path.Combine(sample.Root, "packed");
        System.IO.Compression.ZipFile.ExtractToDirectory(Directory.GetFiles(Path.Combine(sample.Root, "packages"), "*.nupkg").Single(), packed);
        Assert.IsTrue(File.Exists(Path.Combine(packed, "runtimes", "linux-arm64", "native", "libfresh.so")), "the last good build is packed");
        AssertNothingNeedsGlibc236(Path.Combine(packed, "runtimes", "linux-arm64", "native"));

        File.WriteAllText(source, Good);
        var reverted = await sample.DotNetAsync(build);
        Assert.AreEqual(0, reverted.ExitCode, reverted.All);
        AssertNothingNeedsGlibc236(sample.LibraryNative("linux-arm64"));
        Assert.IsTrue(File.Exists(Path.Combine(sample.LibraryNative("linux-arm64"), "libfresh.so")));
    }

    [TestMethod]
    public async Task Removing_the_last_CrossPackage_stops_shipping_its_files()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var first = await sample.DotNetAsync("build", sample.Library, Target);
        Assert.AreEqual(0, first.ExitCode, first.All);
        Assert.IsTrue(File.Exists(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so")));

        var project = Path.Combine(sample.Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("<CrossPackage Include=\"native/greet.nix\" />", "", StringComparison.Ordinal));
        Directory.Delete(Path.Combine(sample.Library, "bin"), recursive: true);
        var second = await sample.DotNetAsync("build", sample.Library, Target);

        Assert.AreEqual(0, second.ExitCode, second.All);
        Assert.IsFalse(File.Exists(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so")), "a removed package's file is not shipped");
    }

    [TestMethod]
    public async Task An_edit_inside_the_CrossNixpkgs_folder_rebuilds()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var nixpkgs = Path.Combine(sample.Root, "..", "nixpkgs-checkout");
        SampleWorkspace.CopyDirectory(Repo.OfflineNixpkgs, nixpkgs);
        string[] build = ["build", sample.Library, Target, $"-p:CrossNixpkgs={nixpkgs}", $"-p:CrossNixExecutable={sample.RecordingNix}"];

        Assert.AreEqual(0, (await sample.DotNetAsync(build)).ExitCode);
        var calls = sample.NixCalls;
        Assert.AreEqual(0, (await sample.DotNetAsync(build)).ExitCode);
        Assert.AreEqual(calls, sample.NixCalls, "nothing changed: no nix process");

        // As `git pull` would: a file of the package set changes.
        File.AppendAllText(Path.Combine(nixpkgs, "pkgs", "default.nix"), "\n# pulled\n");
        var rebuilt = await sample.DotNetAsync(build);

        Assert.AreEqual(0, rebuilt.ExitCode, rebuilt.All);
        Assert.IsTrue(sample.NixCalls > calls, "a change in the nixpkgs checkout starts Nix again");
    }

    private static void AssertNothingNeedsGlibc236(string folder)
    {
        foreach (var file in Directory.GetFiles(folder, "*.so*"))
        {
            var elf = ElfFile.Read(file)!;
            var newest = Portability.Newest(elf, "GLIBC_");
            Assert.IsTrue(newest is null || newest.Value.Version <= new Version(2, 28), $"{file} needs GLIBC_{newest?.Version}: a rejected file was shipped");
        }
    }
}
