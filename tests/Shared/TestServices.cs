using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Pipeline;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Settings;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>The build service as the tasks make it, on an x86_64 host, for tests that call it directly.</summary>
internal static class TestServices
{
    public static CrossBuildService CrossBuild(IToolRunner? nix = null, ICrossLog? log = null) =>
        new(new ToolRunners(nix ?? new ToolRunner("nix")), log ?? new RecordingLog(), NixpkgsLocator.ForFileSystem(), PlatformCatalog.ForRuntimeIdentifier("linux-x64")!);

    /// <summary>A request for one package file in <paramref name="projectDirectory"/>, for aarch64-linux, with the offline package set.</summary>
    public static CrossBuildRequest Request(string projectDirectory, string package = "native/greet.nix") => new()
    {
        ProjectDirectory = projectDirectory,
        IntermediateDirectory = Path.Combine(projectDirectory, "obj", "cross"),
        CrossSdkVersion = "1.0.0",
        Targets = ["aarch64-linux"],
        Packages = [new Planning.PackageItem(package)],
        Nixpkgs = Repo.OfflineNixpkgs,
    };
}
