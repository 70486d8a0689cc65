using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>Every failure a user can cause, through the real dotnet and nix: a coded, actionable error.</summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class DiagnosticsEndToEndTests
{
    [TestMethod]
    public async Task A_misspelt_target_is_CROSS0001_with_a_suggestion_and_starts_no_nix()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linx", $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0001", "Did you mean 'aarch64-linux'");
        Assert.AreEqual(0, sample.NixCalls);
    }

    [TestMethod]
    public async Task An_evaluation_error_in_a_package_file_points_at_its_file_and_line()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var packageFile = Path.Combine(sample.Library, "native", "greet.nix");
        var lines = File.ReadAllLines(packageFile).ToList();
        var versionLine = lines.FindIndex(l => l.Contains("version = ", StringComparison.Ordinal));
        lines[versionLine] = "  version = 1 + \"x\";";
        File.WriteAllLines(packageFile, lines);

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0007", $"{packageFile}({versionLine + 1},", "cannot add a string to an integer");
    }

    [TestMethod]
    public async Task A_compile_error_is_CROSS0008_with_the_compiler_output_and_the_last_good_files_stay()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var good = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, good.ExitCode, good.All);
        var shipped = sample.LibraryCross("out", "linux-arm64", "libgreet.so");
        var manifest = File.ReadAllText(sample.LibraryCross("manifest.json"));
        var source = Path.Combine(sample.Library, "native", "greet.c");
        File.AppendAllText(source, "\nint broken(void) { return 1 }\n");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0008", "greet-aarch64-unknown-linux-gnu-1.0.0", "error: expected ';' before '}' token");
        await ElfAssert.IsForAsync(shipped, "aarch64-linux", "AArch64");
        Assert.AreEqual(manifest, File.ReadAllText(sample.LibraryCross("manifest.json")), "a failed build leaves the last good manifest");
    }

    [TestMethod]
    public async Task No_nixpkgs_anywhere_is_CROSS0003_with_the_ways_to_point_at_one()
    {
        var home = Environment.GetEnvironmentVariable("HOME") ?? "/root";
        if (Directory.Exists(Path.Combine(home, ".nix-defexpr", "channels", "nixpkgs")) || Directory.Exists("/nix/var/nix/profiles/per-user/root/channels/nixpkgs"))
        {
            Assert.Inconclusive("This machine has a nixpkgs channel, so <nixpkgs> is never missing here.");
        }

        using var sample = await SampleWorkspace.CreateAsync();

        var build = await DotNet.RunAsync(
            sample.Root,
            new Dictionary<string, string?> { ["NIX_PATH"] = "" },
            "build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossNixpkgs=", $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(build, "CROSS0003", "NIX_PATH=nixpkgs=");
        Assert.AreEqual(0, sample.NixCalls, "found out before starting nix");
    }

    [TestMethod]
    public async Task A_missing_nix_is_CROSS0004_with_install_guidance()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossNixExecutable=/nonexistent/nix");

        FailureAssert.AssertFailsWith(build, "CROSS0004", "apt install nix-bin");
    }

    [TestMethod]
    public async Task A_package_file_that_does_not_exist_is_CROSS0006()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var project = Path.Combine(sample.Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace("native/greet.nix", "native/gret.nix", StringComparison.Ordinal));

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux");

        FailureAssert.AssertFailsWith(build, "CROSS0006", "taken for a package file");
    }
}
