using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Platforms;
using CrossSdk.Run;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

/// <summary>What runs Windows programs here (Wine), the script that runs them, and the i386 probe.</summary>
[TestClass]
public sealed class WineAndI386Tests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    private static Func<string, string?> Files(params string[] existing) => path => existing.Contains(path) ? path : null;

    [TestMethod]
    public void Win_x64_runs_under_wine64_on_PATH_with_its_wineserver()
    {
        var (loader, server) = Wine.Find(T("win-x64"), ["/opt/wine/bin"], Files("/opt/wine/bin/wine64", "/opt/wine/bin/wineserver"), runsI386Code: false);
        Assert.AreEqual("/opt/wine/bin/wine64", loader);
        Assert.AreEqual("/opt/wine/bin/wineserver", server);
    }

    [TestMethod]
    public void Win_x64_runs_under_Debians_wine64_loader_which_has_no_command()
    {
        var (loader, server) = Wine.Find(T("win-x64"), ["/usr/bin"], Files("/usr/lib/wine/wine64", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wineserver"), runsI386Code: false);
        Assert.AreEqual("/usr/lib/wine/wine64", loader);
        Assert.AreEqual("/usr/lib/wine/wineserver64", server);
    }

    [TestMethod]
    public void No_Wine_is_CROSS0104_saying_what_to_install()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Wine.Find(T("win-x64"), ["/usr/bin"], Files(), runsI386Code: true));
        Assert.AreEqual(DiagnosticCodes.NoWine, ex.Code);
        StringAssert.Contains(ex.Message, "apt-get install --no-install-recommends wine64 wine");
    }

    [TestMethod]
    public void Win_x86_on_a_kernel_without_i386_support_is_CROSS0105_saying_so()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Wine.Find(T("win-x86"), ["/usr/bin"], Files("/usr/lib/wine/wine", "/usr/lib/wine/wine64"), runsI386Code: false));
        Assert.AreEqual(DiagnosticCodes.NothingRunsWindowsTarget, ex.Code);
        StringAssert.Contains(ex.Message, "cannot execute 32-bit x86 code");
        StringAssert.Contains(ex.Message, "WoW64");
    }

    [TestMethod]
    public void Win_x86_runs_under_wine32_where_the_kernel_runs_i386_code()
    {
        var (loader, _) = Wine.Find(T("win-x86"), ["/usr/bin"], Files("/usr/lib/wine/wine", "/usr/lib/wine/wineserver"), runsI386Code: true);
        Assert.AreEqual("/usr/lib/wine/wine", loader);
    }

    [TestMethod]
    public void Win_arm64_is_CROSS0105_whatever_is_installed()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Wine.Find(T("win-arm64"), ["/usr/bin"], Files("/usr/bin/wine64", "/usr/bin/wine"), runsI386Code: true));
        Assert.AreEqual(DiagnosticCodes.NothingRunsWindowsTarget, ex.Code);
        StringAssert.Contains(ex.Message, "arm64 Windows");
    }

    [TestMethod]
    public void The_prefix_is_under_the_users_cache_folder()
    {
        Assert.AreEqual("/home/u/.cache/crosssdk/wine/win-x64", Wine.PrefixFolder("win-x64", n => n == "HOME" ? "/home/u" : null));
        Assert.AreEqual("/c/crosssdk/wine/win-x64", Wine.PrefixFolder("win-x64", n => n switch { "XDG_CACHE_HOME" => "/c", "HOME" => "/home/u", _ => null }));
    }

    [TestMethod]
    public void A_kernel_that_refuses_i386_code_makes_i686_a_foreign_system()
    {
        var host = HostCapabilitiesTests.Debian() with { RunsI386Code = false };
        Assert.IsFalse(host.RunsDirectly(T("i686-linux")));
        var plan = Planner.Plan(T("i686-linux"), Strategy.Auto, host)!;
        Assert.AreEqual(Strategy.Cross, plan.Strategy);
        StringAssert.Contains(plan.Reason, "cannot execute i686 code");
        Assert.IsNotNull(RunTarget.Resolve(null, ["i686-linux"], null, T("linux-x64"), runsI386Code: false), "an i686 app needs an emulator there");
    }

    [TestMethod]
    public void A_kernel_that_runs_i386_code_keeps_i686_native()
    {
        var host = HostCapabilitiesTests.Debian() with { RunsI386Code = true };
        Assert.IsTrue(host.RunsDirectly(T("i686-linux")));
        Assert.AreEqual(Strategy.Native, Planner.Plan(T("i686-linux"), Strategy.Auto, host)!.Strategy);
        Assert.IsNull(RunTarget.Resolve(null, ["i686-linux"], null, T("linux-x64"), runsI386Code: true));
    }

    [TestMethod]
    public void The_doctors_Wine_status_names_the_loader_its_version_and_the_prefix_and_why_win_x86_and_win_arm64_cannot_run()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/home/u" };

        var status = WineStatus.Probe(["/usr/bin"], Files("/usr/lib/wine/wine64", "/usr/lib/wine/wineserver64", "/usr/lib/wine/wine"), runsI386Code: false, name => env.GetValueOrDefault(name), loader => loader == "/usr/lib/wine/wine64" ? "wine-8.0 (Debian 8.0~repack-4)" : null);

        Assert.AreEqual("/usr/lib/wine/wine64", status.Loader);
        Assert.AreEqual("wine-8.0 (Debian 8.0~repack-4)", status.Version);
        CollectionAssert.AreEqual(new[] { "win-x64", "win-x86", "win-arm64" }, status.Targets.Select(t => t.Rid).ToArray());
        Assert.AreEqual("/home/u/.cache/crosssdk/wine/win-x64", status.Targets[0].Prefix);
        Assert.IsNull(status.Targets[0].Error);
        Assert.AreEqual(DiagnosticCodes.NothingRunsWindowsTarget, status.Targets[1].Error?.Code);
        StringAssert.Contains(status.Targets[1].Error!.Message, "cannot execute 32-bit x86 code");
        Assert.AreEqual(DiagnosticCodes.NothingRunsWindowsTarget, status.Targets[2].Error?.Code);
        StringAssert.Contains(status.Targets[2].Error!.Message, "no emulator here runs arm64 Windows");
    }

    [TestMethod]
    public void The_doctors_Wine_status_without_Wine_is_CROSS0104_for_win_x64_and_asks_no_version()
    {
        var status = WineStatus.Probe(["/usr/bin"], Files(), runsI386Code: true, _ => null, _ => throw new AssertFailedException("no loader to ask"));

        Assert.IsNull(status.Loader);
        Assert.IsNull(status.Version);
        Assert.AreEqual(DiagnosticCodes.NoWine, status.LoaderError?.Code);
        Assert.AreEqual(DiagnosticCodes.NoWine, status.Targets[0].Error?.Code);
        Assert.AreEqual(DiagnosticCodes.NothingRunsWindowsTarget, status.Targets[1].Error?.Code, "no wine32 either");
    }
}
