using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Failures that are not the package's, blamed on what caused them, by name: a CrossTarget's
/// Nixpkgs metadata, and a binary cache that answers garbage.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class BlameEndToEndTests
{
    [TestMethod]
    public async Task A_CrossTarget_Nixpkgs_reference_no_forge_serves_is_CROSS0003_naming_the_metadata_before_Nix_runs()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddItems("""<CrossTarget Include="aarch64-linux" Nixpkgs="github:NixOS/nixpkgs/${builtins.abort &quot;x&quot;}" />""");

        var build = await sample.DotNetAsync("build", sample.Library, $"-p:CrossNixExecutable={sample.RecordingNix}");

        FailureAssert.AssertFailsWith(
            build,
            DiagnosticCodes.NixpkgsNotFound,
            "Nixpkgs of CrossTarget 'aarch64-linux' 'github:NixOS/nixpkgs/${builtins.abort \"x\"}' is not a flake reference Nix can fetch: '$' is not allowed");
        Assert.IsFalse(build.StandardOutput.Contains(DiagnosticCodes.NixNetworkFailed, StringComparison.Ordinal), build.StandardOutput);
        Assert.AreEqual(0, sample.NixCalls, "refused before Nix");
    }

    [TestMethod]
    public async Task A_CrossTarget_Nixpkgs_reference_Nix_cannot_download_names_the_metadata()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddItems("""<CrossTarget Include="aarch64-linux" Nixpkgs="github:NixOS/nixpkgs/nixos-99.99" />""");

        var build = await sample.DotNetAsync("build", sample.Library);

        FailureAssert.AssertFailsWith(
            build,
            DiagnosticCodes.NixNetworkFailed,
            "Nix could not fetch Nixpkgs of CrossTarget 'aarch64-linux' ('github:NixOS/nixpkgs/nixos-99.99')");
        Assert.IsFalse(build.StandardOutput.Contains("CrossPackage items", StringComparison.Ordinal), build.StandardOutput);
    }

    [TestMethod]
    public async Task A_path_Nixpkgs_that_does_not_exist_is_CROSS0003_naming_the_metadata_not_the_CrossPackage_items()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddItems("""<CrossTarget Include="aarch64-linux" Nixpkgs="path:/no/such/nixpkgs" />""");

        var build = await sample.DotNetAsync("build", sample.Library);

        FailureAssert.AssertFailsWith(
            build,
            DiagnosticCodes.NixpkgsNotFound,
            "Nixpkgs of CrossTarget 'aarch64-linux' 'path:/no/such/nixpkgs' names a path that does not exist");
        Assert.IsFalse(build.StandardOutput.Contains(DiagnosticCodes.NixEvaluationFailed, StringComparison.Ordinal), build.StandardOutput);
    }

    [TestMethod]
    public async Task A_binary_cache_that_answers_garbage_is_CROSS0077_naming_the_cache()
    {
        await using var cache = await GarbageCacheServer.StartAsync();
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossSubstituters={cache.Url}");

        FailureAssert.AssertFailsWith(
            build,
            DiagnosticCodes.BinaryCacheCorrupt,
            "A binary cache answered Nix with something that is not a Nix cache's file: NAR info file '",
            $"The binary cache is {cache.Url}, the one this build asks");
        Assert.IsFalse(build.StandardOutput.Contains(DiagnosticCodes.NixFailedUnrecognised, StringComparison.Ordinal), build.StandardOutput);
    }
}
