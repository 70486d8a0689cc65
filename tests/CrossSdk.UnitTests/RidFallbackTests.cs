using System.Runtime.InteropServices;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// The RID graph's trap, read from the real PortableRuntimeIdentifierGraph.json of the .NET SDK
/// these tests run with (the file the SDK resolves packages with), not from a list of our own.
/// </summary>
[TestClass]
public sealed class RidFallbackTests
{
    private static readonly string GraphPath = FindSdkGraph();

    private static RidGraph Graph => RidGraph.Read(GraphPath);

    [TestMethod]
    public void The_graph_expands_a_musl_RID_through_linux_musl_to_the_glibc_RID_of_its_cpu()
    {
        var chain = Graph.Expand("linux-musl-x64").ToList();

        Assert.AreEqual("linux-musl-x64", chain[0]);
        CollectionAssert.IsSubsetOf(new[] { "linux-musl", "linux-x64", "linux", "unix" }, chain);
        Assert.IsLessThan(chain.IndexOf("linux"), chain.IndexOf("linux-x64"), "linux-x64 comes before linux, as NuGet expands");
    }

    [TestMethod]
    [DataRow("linux-x64", "glibc")]
    [DataRow("linux-arm", "glibc")]
    [DataRow("linux-musl-arm64", "musl")]
    [DataRow("linux-bionic-arm64", "bionic")]
    [DataRow("android-arm64", "bionic")]
    [DataRow("win-x64", null)]
    [DataRow("osx-arm64", null)]
    public void The_C_library_of_a_RID_comes_from_where_the_graph_puts_it(string rid, string? libc) =>
        Assert.AreEqual(libc, Graph.LinuxLibc(rid));

    [TestMethod]
    public void A_package_with_only_glibc_Linux_files_traps_every_musl_and_Android_RID_of_their_cpus()
    {
        var found = RidFallbacks.Find(Graph, ["linux-x64", "linux-arm64", "win-x64"]);

        var pairs = found.Select(f => $"{f.Rid}->{f.FallsBackTo}").ToList();
        CollectionAssert.Contains(pairs, "linux-musl-x64->linux-x64");
        CollectionAssert.Contains(pairs, "linux-musl-arm64->linux-arm64");
        CollectionAssert.Contains(pairs, "linux-bionic-arm64->linux-arm64");
        CollectionAssert.Contains(pairs, "linux-bionic-x64->linux-x64");
        CollectionAssert.Contains(pairs, "android-arm64->linux-arm64");
        Assert.IsTrue(found.All(f => f.ShippedLibc == "glibc" && f.Libc != "glibc"), string.Join(", ", pairs));
        Assert.IsFalse(found.Any(f => f.FallsBackTo == "win-x64"), "nothing falls back to Windows");
        Assert.IsFalse(found.Any(f => f.Rid.Contains("arm", StringComparison.Ordinal) && !f.Rid.Contains("arm64", StringComparison.Ordinal)), "no arm32 file ships, so no arm32 RID is trapped");
    }

    [TestMethod]
    public void Shipping_the_musl_RIDs_too_leaves_only_Android()
    {
        var found = RidFallbacks.Find(Graph, ["linux-x64", "linux-arm64", "linux-musl-x64", "linux-musl-arm64"]);

        Assert.IsFalse(found.Any(f => f.Libc == "musl"), string.Join(", ", found));
        Assert.IsTrue(found.Any(f => f.Rid == "linux-bionic-arm64"));
    }

    [TestMethod]
    public void A_package_with_only_musl_files_traps_nothing()
    {
        // A glibc app never falls back to a musl RID: linux-x64 does not import linux-musl-x64.
        Assert.IsEmpty(RidFallbacks.Find(Graph, ["linux-musl-x64"]));
    }

    [TestMethod]
    public void The_musl_warning_gives_the_CrossTargets_line_that_builds_the_missing_musl_RIDs()
    {
        var shipped = new[] { "linux-x64", "linux-arm64" };

        var warnings = RidFallbacks.Warnings(RidFallbacks.Find(Graph, shipped), shipped, GraphPath);

        var musl = warnings.Single(w => w.Code == DiagnosticCodes.MuslFallsBackToGlibc).Text;
        StringAssert.Contains(musl, "linux-musl-x64 falls back to linux-x64");
        StringAssert.Contains(musl, "linux-musl-arm64 to linux-arm64");
        StringAssert.Contains(musl, "<CrossTargets>linux-x64;linux-arm64;linux-musl-x64;linux-musl-arm64</CrossTargets>");
        StringAssert.Contains(musl, GraphPath);
        var bionic = warnings.Single(w => w.Code == DiagnosticCodes.BionicFallsBackToGlibc).Text;
        StringAssert.Contains(bionic, "linux-bionic-arm64");
        StringAssert.Contains(bionic, "CROSS0121");
    }

    [TestMethod]
    public void A_linux_arm_package_is_told_to_build_linux_musl_arm_which_the_catalog_now_has()
    {
        var shipped = new[] { "linux-arm" };

        var musl = RidFallbacks.Warnings(RidFallbacks.Find(Graph, shipped), shipped, GraphPath).Single(w => w.Code == DiagnosticCodes.MuslFallsBackToGlibc).Text;

        StringAssert.Contains(musl, "linux-musl-arm falls back to linux-arm");
        StringAssert.Contains(musl, "<CrossTargets>linux-arm;linux-musl-arm</CrossTargets>");
        Assert.DoesNotContain("no target for", musl);
    }

    [TestMethod]
    public void A_musl_RID_the_catalog_cannot_build_is_named_instead_of_put_in_the_line()
    {
        // linux-musl-s390x has no row in the catalog: no CrossTargets line can name it.
        var shipped = new[] { "linux-s390x" };

        var musl = RidFallbacks.Warnings(RidFallbacks.Find(Graph, shipped), shipped, GraphPath).Single(w => w.Code == DiagnosticCodes.MuslFallsBackToGlibc).Text;

        StringAssert.Contains(musl, "linux-musl-s390x falls back to linux-s390x");
        StringAssert.Contains(musl, "no target for linux-musl-s390x");
        Assert.DoesNotContain("<CrossTargets>", musl);
    }

    [TestMethod]
    public void A_graph_that_changes_changes_the_fallbacks()
    {
        // The fallbacks follow the file: a graph where linux-musl-x64 no longer imports linux-x64 traps nothing.
        var graph = RidGraph.Parse("""{ "runtimes": { "linux": { "#import": [] }, "linux-musl": { "#import": ["linux"] }, "linux-x64": { "#import": ["linux"] }, "linux-musl-x64": { "#import": ["linux-musl"] } } }""", "test");

        Assert.IsEmpty(RidFallbacks.Find(graph, ["linux-x64"]));
    }

    // The SDK the tests run under: <dotnet root>/shared/Microsoft.NETCore.App/<version>/ -> <dotnet root>/sdk/<newest>/.
    private static string FindSdkGraph()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Directory.EnumerateDirectories(Path.Combine(root, "sdk"))
            .Select(d => Path.Combine(d, "PortableRuntimeIdentifierGraph.json"))
            .Where(File.Exists)
            .OrderByDescending(p => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(p))!.Split('-')[0], out var v) ? v : new Version())
            .First();
    }
}
