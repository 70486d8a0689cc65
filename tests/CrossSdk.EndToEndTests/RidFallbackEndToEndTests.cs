using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The RID graph's trap, end to end: a package with glibc-only Linux files warns at build, at a
/// no-op build and at pack that a musl app would load them (CROSS0120) with the CrossTargets line
/// that fixes it; one that ships the musl RID too does not.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class RidFallbackEndToEndTests
{
    private static bool Ran(ProcessOutput build, string task) =>
        build.All.Contains($"Task \"{task}\"", StringComparison.Ordinal);

    [TestMethod]
    public async Task A_package_with_only_glibc_Linux_files_warns_at_build_no_op_build_and_pack_that_musl_apps_fall_back_to_them()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var build = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-x64");
        var noOp = await sample.DotNetAsync("build", sample.Library, "-p:CrossTarget=linux-x64", "-v:d");
        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=linux-x64");

        foreach (var run in new[] { build, noOp, pack })
        {
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "warning CROSS0120");
            StringAssert.Contains(run.StandardOutput, "linux-musl-x64 falls back to linux-x64");
            StringAssert.Contains(run.StandardOutput, "PortableRuntimeIdentifierGraph.json");
            StringAssert.Contains(run.StandardOutput, "<CrossTargets>linux-x64;linux-musl-x64</CrossTargets>");
            StringAssert.Contains(run.StandardOutput, "warning CROSS0121");
            StringAssert.Contains(run.StandardOutput, "linux-bionic-x64");
        }

        Assert.IsFalse(Ran(noOp, "CrossFindRidFallbacks"), "a no-op says the warning again from obj/cross/rid-fallback/ without the task");
    }

    [TestMethod]
    public async Task A_package_that_ships_the_musl_RID_too_does_not_warn_about_musl()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var pack = await sample.DotNetAsync("pack", sample.Library, "-p:CrossTarget=linux-x64", "-p:CrossTargets=linux-musl-x64");

        Assert.AreEqual(0, pack.ExitCode, pack.All);
        var package = Directory.GetFiles(sample.Library, "*.nupkg", SearchOption.AllDirectories).Single();
        using (var zip = System.IO.Compression.ZipFile.OpenRead(package))
        {
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            CollectionAssert.Contains(entries, "runtimes/linux-musl-x64/native/libgreet.so", string.Join(", ", entries));
            CollectionAssert.Contains(entries, "runtimes/linux-x64/native/libgreet.so");
        }

        Assert.DoesNotContain("CROSS0120", pack.StandardOutput);
        StringAssert.Contains(pack.StandardOutput, "warning CROSS0121", "Android still falls back to linux-x64");
    }
}
