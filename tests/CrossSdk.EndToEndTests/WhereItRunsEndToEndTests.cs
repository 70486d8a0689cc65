using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Where each file runs, end to end: the sample library with a library that calls dlopen (the
/// default offline set's glibc 2.36: dlopen@GLIBC_2.34), built for linux-x64. The build and a
/// no-op build print the report's line for the RID, pack warns that it needs more than .NET 10's
/// glibc 2.27 (CROSS0125), and CrossGlibcFloor=dotnet makes that an error (CROSS0126).
/// CrossTargets=dotnet says what it expanded to, and a RID this host cannot build fails the build with a coded error.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class WhereItRunsEndToEndTests
{
    private static readonly Dictionary<string, string> Probe = new()
    {
        ["probe.nix"] = """
            { stdenv }:
            stdenv.mkDerivation {
              pname = "probe";
              version = "1.0";
              src = ./.;
              buildPhase = "$CC -O2 -shared -fPIC -o libprobe.so probe.c -ldl";
              installPhase = "mkdir -p $out/lib && cp libprobe.so $out/lib/";
            }
            """,
        ["probe.c"] = """
            #include <dlfcn.h>
            const char *probe(const char *name) { return dlopen(name, RTLD_NOW) ? "" : dlerror(); }
            """,
    };

    private const string Line = "CrossSdk: where it runs: linux-x64: needs glibc 2.34 (libprobe.so): Debian 12+, Ubuntu 22.04+, RHEL 9+, Fedora 35+, Amazon Linux 2023; more than .NET 10 needs on linux-x64 (glibc 2.27)";

    [TestMethod]
    public async Task A_build_and_a_no_op_build_say_where_the_files_run_and_pack_warns_that_they_need_more_than_NET()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.AddPackage("probe", Probe, "probe/probe.nix");

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-x64");
        var noOp = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-x64", "-v:d");
        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=linux-x64");

        foreach (var run in new[] { build, noOp, pack })
        {
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, Line);
        }

        Assert.IsFalse(noOp.All.Contains($"Task \"{nameof(CrossSdk.MSBuild.CrossBuildPackages)}\"", StringComparison.Ordinal), "a no-op says the line from obj/cross/report/ without the task");
        Assert.DoesNotContain("CROSS0125", build.StandardOutput, "a build reports; pack warns");
        StringAssert.Contains(pack.StandardOutput, "warning CROSS0125");
        StringAssert.Contains(pack.StandardOutput, "libprobe.so needs glibc 2.34 (for dlerror, dlopen)");
        StringAssert.Contains(pack.StandardOutput, ".NET 10 runs on glibc 2.27 on linux-x64: users on Debian 11, Ubuntu 20.04, RHEL 8, Fedora 34 cannot load it");
        StringAssert.Contains(pack.StandardOutput, "Glibc=\"2.27\"");

        var floored = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-x64", "-p:CrossGlibcFloor=dotnet");

        FailureAssert.AssertFailsWith(floored, "CROSS0126", "libprobe.so needs glibc 2.34 (for dlerror, dlopen)", ".NET 10 runs on glibc 2.27 on linux-x64");
    }

    [TestMethod]
    public async Task CrossTargets_dotnet_builds_the_SDKs_RIDs_and_says_what_it_expanded_to_and_left_out_also_at_a_no_op()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        // An SDK whose Microsoft.NETCore.App lists one RID this host builds, one CrossSdk leaves to
        // macOS and one community architecture: the real SDK's list needs hosts this one is not.
        var props = Path.Combine(sample.Root, "..", "Microsoft.NETCoreSdk.BundledVersions.props");
        File.WriteAllText(props, """
            <Project>
              <PropertyGroup><BundledNETCoreAppTargetFrameworkVersion>10.0</BundledNETCoreAppTargetFrameworkVersion></PropertyGroup>
              <ItemGroup>
                <KnownFrameworkReference Include="Microsoft.NETCore.App" TargetFramework="net10.0" RuntimePackRuntimeIdentifiers="osx-arm64;linux-x64;linux-s390x" />
                <KnownFrameworkReference Include="Microsoft.NETCore.App" TargetFramework="net9.0" RuntimePackRuntimeIdentifiers="linux-arm64" />
              </ItemGroup>
            </Project>
            """);
        var environment = new Dictionary<string, string?> { ["CROSSSDK_TEST_BUNDLED_VERSIONS"] = props };

        var build = await DotNet.RunAsync(sample.Root, environment, "build", sample.Library, "-p:CrossTargets=dotnet");
        var noOp = await DotNet.RunAsync(sample.Root, environment, "build", sample.Library, "-p:CrossTargets=dotnet", "-v:d");

        foreach (var run in new[] { build, noOp })
        {
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "CrossSdk: CrossTargets=dotnet: linux-x64 (every Linux and Windows RID net10.0 supports, from ");
            StringAssert.Contains(run.StandardOutput, "CrossSdk: CrossTargets=dotnet left out osx-arm64: Apple platforms");
            StringAssert.Contains(run.StandardOutput, "CrossSdk: CrossTargets=dotnet left out linux-s390x: architectures the community builds .NET for");
            StringAssert.Contains(run.StandardOutput, "CrossSdk: where it runs: linux-x64: needs glibc");
        }

        Assert.IsTrue(File.Exists(Path.Combine(sample.LibraryNative("linux-x64"), "libgreet.so")), build.All);
        Assert.IsFalse(Directory.Exists(sample.LibraryNative("linux-arm64")), "net9.0's list is not the SDK's own framework's");
        Assert.IsFalse(noOp.All.Contains($"Task \"{nameof(CrossSdk.MSBuild.CrossBuildPackages)}\"", StringComparison.Ordinal), "a no-op says the expansion from obj/cross/report/ without the task");
    }

    [TestMethod]
    public async Task CrossTargets_dotnet_says_what_it_expanded_to_and_a_RID_this_host_has_no_toolchain_for_is_a_coded_error_not_a_skip()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var plan = await sample.DotNetAsync("build", sample.Library, "-t:CrossPlan", "-p:CrossTargets=dotnet");

        // Every RID of the SDK's own framework is in the catalog now; win-arm64 has no MinGW here (Debian 12 has none for aarch64).
        StringAssert.Contains(plan.StandardOutput, "CrossSdk: CrossTargets=dotnet: linux-arm, linux-arm64, linux-musl-arm64, linux-musl-x64, linux-x64, win-arm64, win-x64, win-x86, linux-musl-arm (every Linux and Windows RID net10.0 supports, from ");
        StringAssert.Contains(plan.StandardOutput, "CrossSdk: CrossTargets=dotnet left out osx-x64, osx-arm64: Apple platforms");
        FailureAssert.AssertFailsWith(plan, "CROSS0007", "no MinGW toolchain serves aarch64-w64-mingw32");
    }
}
