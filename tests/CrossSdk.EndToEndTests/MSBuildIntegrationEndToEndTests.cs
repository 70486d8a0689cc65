using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>CrossSdk in the shapes MSBuild projects come in.</summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class MSBuildIntegrationEndToEndTests
{
    [TestMethod]
    public async Task A_multi_targeting_project_runs_one_nix_build_and_packs_each_file_once()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var project = Path.Combine(sample.Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project).Replace(
            "<TargetFramework>net10.0</TargetFramework>", "<TargetFrameworks>net8.0;net10.0</TargetFrameworks>", StringComparison.Ordinal));
        var packages = Path.Combine(sample.Root, "packages");

        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={sample.RecordingNix}", "-o", packages);

        Assert.AreEqual(0, pack.ExitCode, pack.All);
        Assert.IsFalse(pack.StandardOutput.Contains("NU5118", StringComparison.Ordinal), pack.StandardOutput);
        Assert.AreEqual(1, File.ReadAllLines(sample.NixCallLog).Count(c => c.Contains(" build --json ", StringComparison.Ordinal)), "one nix build for both target frameworks");
        using var zip = System.IO.Compression.ZipFile.OpenRead(Directory.GetFiles(packages, "*.nupkg").Single());
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.AreEqual(1, entries.Count(e => e == "runtimes/linux-arm64/native/libgreet.so"));
        CollectionAssert.IsSubsetOf(new[] { "lib/net8.0/Greet.dll", "lib/net10.0/Greet.dll" }, entries);
        await ElfAssert.IsForAsync(Path.Combine(sample.Library, "bin", "Release", "net8.0", "runtimes", "linux-arm64", "native", "libgreet.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task A_PackageReference_works_like_the_Sdk_element()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        var (_, version) = await SdkFeed.GetAsync();
        var project = Path.Combine(sample.Library, "Greet.csproj");
        File.WriteAllText(project, File.ReadAllText(project)
            .Replace("<Sdk Name=\"CrossSdk\" />", "", StringComparison.Ordinal)
            .Replace("<ItemGroup>", $"<ItemGroup><PackageReference Include=\"CrossSdk\" Version=\"{version}\" PrivateAssets=\"all\" />", StringComparison.Ordinal));

        var build = await sample.DotNetAsync("build", sample.App, "-r", "linux-arm64");

        Assert.AreEqual(0, build.ExitCode, build.All);
        await ElfAssert.IsForAsync(Path.Combine(sample.AppOutput("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task A_design_time_build_starts_no_nix()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync(
            "msbuild", Path.Combine(sample.Library, "Greet.csproj"), "-restore", "-t:Build",
            "-p:DesignTimeBuild=true", "-p:CrossTarget=aarch64-linux", $"-p:CrossNixExecutable={sample.RecordingNix}");

        Assert.AreEqual(0, build.ExitCode, build.All);
        Assert.AreEqual(0, sample.NixCalls);
    }

    [TestMethod]
    public async Task CrossNixOptions_and_CrossNixArgument_items_reach_every_nix_call_in_order()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();
        sample.AddItems("<CrossNixArgument Include=\"--option\" /><CrossNixArgument Include=\"cores\" /><CrossNixArgument Include=\"1\" />");

        var build = await sample.DotNetAsync(
            "build", sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross",
            "-p:CrossNixOptions=--max-jobs 2", $"-p:CrossNixExecutable={sample.RecordingNix}");

        Assert.AreEqual(0, build.ExitCode, build.All);
        var calls = File.ReadAllLines(sample.NixCallLog);
        var buildCall = calls.Single(c => c.Contains(" build --json ", StringComparison.Ordinal));
        StringAssert.Contains(buildCall, "--max-jobs 2 --option cores 1 /nix/store/", "the build of the evaluated derivations");
        var evalCall = calls.Single(NixCalls.Evaluates);
        StringAssert.Contains(evalCall, "--max-jobs 2 --option cores 1 -f ", "the one evaluation");
    }
}
