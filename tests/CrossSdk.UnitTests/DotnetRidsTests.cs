using System.Runtime.InteropServices;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// CrossTargets=dotnet, read from the real Microsoft.NETCoreSdk.BundledVersions.props of the .NET
/// SDK these tests run with, not from a list of our own.
/// </summary>
[TestClass]
public sealed class DotnetRidsTests
{
    private static readonly string SdkFile = FindSdkFile();

    private static DotnetRidExpansion FromSdk()
    {
        var (framework, rids) = DotnetRids.Read(SdkFile);
        return DotnetRids.Expand(SdkFile, framework, rids);
    }

    [TestMethod]
    public void The_SDK_file_lists_the_runtime_pack_RIDs_of_its_own_framework()
    {
        var (framework, rids) = DotnetRids.Read(SdkFile);

        Assert.StartsWith("net", framework);
        CollectionAssert.IsSubsetOf(new[] { "linux-x64", "linux-arm64", "linux-arm", "linux-musl-x64", "linux-musl-arm64", "linux-musl-arm", "win-x64", "win-x86", "win-arm64", "osx-arm64" }, rids.ToList());
    }

    [TestMethod]
    public void The_preset_is_every_glibc_musl_and_Windows_RID_of_the_architectures_NET_supports()
    {
        var expansion = FromSdk();

        CollectionAssert.AreEquivalent(
            new[] { "linux-x64", "linux-arm64", "linux-arm", "linux-musl-x64", "linux-musl-arm64", "linux-musl-arm", "win-x64", "win-x86", "win-arm64" },
            expansion.Included.ToList());
    }

    [TestMethod]
    public void The_preset_says_what_it_left_out_and_why()
    {
        var expansion = FromSdk();
        var reasons = expansion.LeftOut.ToDictionary(l => l.Rid, l => l.Reason);

        StringAssert.Contains(reasons["osx-arm64"], "Apple");
        StringAssert.Contains(reasons["linux-bionic-arm64"], "Android");
        StringAssert.Contains(reasons["linux-s390x"], "community");
        Assert.AreEqual(expansion.Included.Count + expansion.LeftOut.Count, DotnetRids.Read(SdkFile).Rids.Count, "every RID of the SDK is built or said");
        var lines = expansion.Lines();
        StringAssert.StartsWith(lines[0], "CrossSdk: CrossTargets=dotnet: ");
        Assert.IsTrue(lines.Skip(1).All(l => l.StartsWith("CrossSdk: CrossTargets=dotnet left out ", StringComparison.Ordinal)), string.Join("\n", lines));
    }

    [TestMethod]
    public void Every_RID_the_preset_names_today_has_a_target_in_the_catalog()
    {
        var list = DotnetRids.ExpandList(["dotnet"], null, FromSdk, out _);

        CollectionAssert.AreEquivalent(FromSdk().Included.ToList(), list.ToList());
    }

    [TestMethod]
    public void A_RID_a_later_SDK_supports_and_the_catalog_lacks_is_a_coded_error_naming_it()
    {
        // As a .NET SDK that supports Windows on 32-bit Arm again would list it.
        static DotnetRidExpansion Later() => new("/sdk/Microsoft.NETCoreSdk.BundledVersions.props", "net11.0", ["linux-x64", "win-arm"], []);

        var ex = Assert.ThrowsExactly<CrossException>(() => DotnetRids.ExpandList(["dotnet"], null, Later, out _));

        Assert.AreEqual(DiagnosticCodes.DotnetRidNotBuildable, ex.Code);
        StringAssert.Contains(ex.Message, "CrossTargets=dotnet names win-arm");
        StringAssert.Contains(ex.Message, "<CrossTarget Include=\"<GNU triple>\" Rid=\"win-arm\" />");
        StringAssert.Contains(ex.Message, "<CrossTargets>linux-x64</CrossTargets>");
    }

    [TestMethod]
    public void A_target_of_the_projects_own_for_a_RID_stands_in_for_the_presets_and_nothing_is_listed_twice()
    {
        var rids = new Dictionary<string, string> { ["armv7l-unknown-linux-musleabihf"] = "linux-musl-arm" };

        var list = DotnetRids.ExpandList(["linux-x64", "dotnet", "armv7l-unknown-linux-musleabihf"], rids, FromSdk, out var used);

        Assert.IsNotNull(used);
        Assert.AreEqual("linux-x64", list[0], "the project's order first");
        Assert.AreEqual(1, list.Count(t => t == "linux-x64"));
        Assert.DoesNotContain("linux-musl-arm", list);
        CollectionAssert.Contains(list.ToList(), "armv7l-unknown-linux-musleabihf");
        CollectionAssert.IsSubsetOf(new[] { "linux-arm64", "linux-arm", "linux-musl-x64", "linux-musl-arm64", "win-x64", "win-x86", "win-arm64" }, list.ToList());
    }

    [TestMethod]
    public void A_list_without_the_preset_is_left_alone_and_the_SDK_is_not_read()
    {
        var list = DotnetRids.ExpandList(["linux-x64", "aarch64-linux"], null, () => throw new AssertFailedException("read"), out var used);

        CollectionAssert.AreEqual(new[] { "linux-x64", "aarch64-linux" }, list.ToList());
        Assert.IsNull(used);
    }

    [TestMethod]
    public void An_SDK_file_that_lists_no_RIDs_is_a_coded_error_naming_it()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, DotnetRids.BundledVersionsFile);
        File.WriteAllText(path, "<Project><PropertyGroup><BundledNETCoreAppTargetFrameworkVersion>10.0</BundledNETCoreAppTargetFrameworkVersion></PropertyGroup></Project>");

        var ex = Assert.ThrowsExactly<CrossException>(() => DotnetRids.Read(path));
        var missing = Assert.ThrowsExactly<CrossException>(() => DotnetRids.Read(Path.Combine(dir.Path, "none.props")));

        Assert.AreEqual(DiagnosticCodes.DotnetRidsUnknown, ex.Code);
        StringAssert.Contains(ex.Message, "lists no RuntimePackRuntimeIdentifiers");
        Assert.AreEqual(DiagnosticCodes.DotnetRidsUnknown, missing.Code);
    }

    private static string FindSdkFile()
    {
        var root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return Directory.EnumerateDirectories(Path.Combine(root, "sdk"))
            .Select(d => Path.Combine(d, DotnetRids.BundledVersionsFile))
            .Where(File.Exists)
            .OrderByDescending(p => Version.TryParse(Path.GetFileName(Path.GetDirectoryName(p))!.Split('-')[0], out var v) ? v : new Version())
            .First();
    }
}
