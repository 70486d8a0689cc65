using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Artifacts;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// Where each shipped file runs, read from the checked-in binaries of tests/fixtures/elf (real
/// gcc, musl-gcc and MinGW output), and the distribution and .NET tables it is said with.
/// </summary>
[TestClass]
public sealed class WhereItRunsTests
{
    private static FileRequirement Fixture(string rid, string name, string fileName) =>
        WhereItRuns.Read(rid, fileName, Path.Combine(ElfFixtures.Folder, name));

    private static readonly FileRequirement X64Dlopen = Fixture("linux-x64", "libprobe-linux-x64.so", "libprobe.so");

    private static readonly FileRequirement ArmDlopen = Fixture("linux-arm", "libprobe-linux-arm.so", "libprobe.so");

    [TestMethod]
    public void A_glibc_library_needs_the_highest_GLIBC_version_of_its_version_needed_entries_with_the_symbols_that_need_it()
    {
        Assert.AreEqual("glibc", X64Dlopen.Libc);
        Assert.AreEqual(new Version(2, 34), X64Dlopen.Glibc);
        Assert.AreEqual("dlerror, dlopen", X64Dlopen.GlibcSymbols);
    }

    [TestMethod]
    public void A_library_that_needs_no_versioned_symbol_loads_with_any_glibc()
    {
        var plain = Fixture("linux-x64", "libfixture-linux-x64.so", "libfixture.so");

        Assert.AreEqual("glibc", plain.Libc, "by its RID: it needs no library at all");
        Assert.IsNull(plain.Glibc);
        Assert.AreEqual("CrossSdk: where it runs: linux-x64: needs any glibc (no versioned symbols in libfixture.so)", WhereItRuns.Lines([plain])[0]);
    }

    [TestMethod]
    public void The_report_line_of_a_RID_says_the_glibc_its_files_need_in_distribution_releases_and_what_NET_needs_there()
    {
        var lines = WhereItRuns.Lines([X64Dlopen, Fixture("linux-x64", "libfixture-linux-x64.so", "libfixture.so")]);

        Assert.HasCount(1, lines, "one line per RID");
        Assert.AreEqual(
            "CrossSdk: where it runs: linux-x64: needs glibc 2.34 (libprobe.so): Debian 12+, Ubuntu 22.04+, RHEL 9+, Fedora 35+, Amazon Linux 2023; more than .NET 10 needs on linux-x64 (glibc 2.27)",
            lines[0]);
    }

    [TestMethod]
    public void A_file_within_what_NET_itself_needs_on_its_RID_gets_no_warning()
    {
        Assert.AreEqual(new Version(2, 34), ArmDlopen.Glibc);
        Assert.IsNull(WhereItRuns.BeyondDotnetText([ArmDlopen]), ".NET 10 needs glibc 2.35 on linux-arm");
        StringAssert.Contains(WhereItRuns.Lines([ArmDlopen])[0], ".NET 10 itself needs glibc 2.35 there");
    }

    [TestMethod]
    public void The_pack_warning_names_the_file_what_NET_needs_who_cannot_load_it_and_the_fix()
    {
        var text = WhereItRuns.BeyondDotnetText([X64Dlopen, ArmDlopen]);

        Assert.IsNotNull(text);
        StringAssert.Contains(text, "libprobe.so needs glibc 2.34 (for dlerror, dlopen)");
        StringAssert.Contains(text, ".NET 10 runs on glibc 2.27 on linux-x64: users on Debian 11, Ubuntu 20.04, RHEL 8, Fedora 34 cannot load it");
        StringAssert.Contains(text, "<CrossTarget Include=\"linux-x64\" Glibc=\"2.27\" />");
        StringAssert.Contains(text, "per-target nixpkgs");
        Assert.DoesNotContain("linux-arm/", text, "the arm file is within .NET's 2.35");
    }

    [TestMethod]
    public void CrossGlibcFloor_dotnet_makes_a_file_beyond_NETs_own_floor_an_error()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => WhereItRuns.RequireDotnetFloor([X64Dlopen]));

        Assert.AreEqual(DiagnosticCodes.GlibcBeyondDotnetFloor, ex.Code);
        StringAssert.Contains(ex.Message, "libprobe.so needs glibc 2.34");
        WhereItRuns.RequireDotnetFloor([ArmDlopen]);
        Assert.IsTrue(Artifacts.Portability.IsDotnetFloor(" Dotnet "));
        Assert.IsNull(Artifacts.Portability.ParseFloor("dotnet"), "not a version: the per-RID floor instead");
    }

    [TestMethod]
    public void A_musl_library_has_no_symbol_versions_and_is_said_as_any_musl_NET_runs_on()
    {
        var musl = Fixture("linux-musl-x64", "libfixture-linux-musl-x64.so", "libfixture.so");

        Assert.AreEqual("musl", musl.Libc);
        Assert.IsNull(musl.Glibc);
        StringAssert.Contains(WhereItRuns.Lines([musl])[0], "linux-musl-x64: needs musl (libfixture.so; musl has no symbol versions, so any musl .NET 10 runs on, 1.2.3 or later: Alpine 3.16+)");
        Assert.IsNull(WhereItRuns.BeyondDotnetText([musl]));
    }

    [TestMethod]
    public void A_Windows_DLL_is_said_by_its_PE_subsystem_version_and_C_runtime_import()
    {
        var dll = Fixture("win-x64", "libfixture-win-x64.dll", "libfixture.dll");

        Assert.AreEqual("windows", dll.Libc);
        Assert.AreEqual(new Version(5, 2), dll.WindowsSubsystem);
        Assert.AreEqual("msvcrt.dll", dll.WindowsCRuntime);
        Assert.AreEqual(
            "CrossSdk: where it runs: win-x64: needs Windows XP x64 / Server 2003 or later (PE subsystem 5.2, libfixture.dll) with msvcrt.dll (part of every Windows)",
            WhereItRuns.Lines([dll])[0]);
    }

    [TestMethod]
    public void The_JSON_lists_every_file_with_what_it_needs_and_where_it_runs()
    {
        var json = WhereItRuns.Json([X64Dlopen, ArmDlopen]);

        var x64 = json[0]!;
        Assert.AreEqual("linux-x64", (string?)x64["rid"]);
        Assert.AreEqual("libprobe.so", (string?)x64["file"]);
        Assert.AreEqual("glibc", (string?)x64["libc"]);
        Assert.AreEqual("2.34", (string?)x64["glibc"]);
        Assert.AreEqual("dlerror, dlopen", (string?)x64["glibcSymbols"]);
        CollectionAssert.AreEqual(new[] { "Debian 12+", "Ubuntu 22.04+", "RHEL 9+", "Fedora 35+", "Amazon Linux 2023" }, x64["runsOn"]!.AsArray().Select(n => (string?)n).ToArray());
        Assert.AreEqual("glibc 2.27", (string?)x64["dotnetNeeds"]);
        Assert.IsTrue((bool)x64["beyondDotnet"]!);
        Assert.AreEqual("glibc 2.35", (string?)json[1]!["dotnetNeeds"]);
        Assert.IsFalse((bool)json[1]!["beyondDotnet"]!);
    }

    [TestMethod]
    [DataRow("2.17", "Debian 10+, Ubuntu 18.04+, RHEL 7+, Fedora 29+, Amazon Linux 2, Amazon Linux 2023")]
    [DataRow("2.28", "Debian 10+, Ubuntu 20.04+, RHEL 8+, Fedora 29+, Amazon Linux 2023")]
    [DataRow("2.31", "Debian 11+, Ubuntu 20.04+, RHEL 9+, Fedora 32+, Amazon Linux 2023")]
    [DataRow("2.36", "Debian 12+, Ubuntu 24.04+, RHEL 10+, Fedora 37+")]
    public void A_glibc_version_is_said_as_the_oldest_release_of_each_distribution_that_has_it(string glibc, string expected) =>
        Assert.AreEqual(expected, string.Join(", ", Distributions.RunsOn("glibc", Version.Parse(glibc))));

    [TestMethod]
    public void The_distribution_table_in_the_code_is_the_one_in_the_docs()
    {
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "where-it-runs.md"));
        foreach (var release in Distributions.All)
        {
            StringAssert.Contains(page, $"| {release.Distribution} {release.Release} | {release.Libc} {release.Version} |", "docs/where-it-runs.md");
        }

        var rows = page.Split('\n').Count(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\| [A-Za-z ]+ [0-9.]+ \| (glibc|musl) [0-9.]+ \|"));
        Assert.AreEqual(Distributions.All.Count, rows, "no row in the docs that the code lacks");
    }

    [TestMethod]
    public void The_NET_floors_in_the_code_are_the_ones_in_the_docs()
    {
        var page = File.ReadAllText(Path.Combine(Repo.Root, "docs", "where-it-runs.md"));
        foreach (var (rid, libc, version) in DotnetFloors.All)
        {
            StringAssert.Contains(page, $"| `{rid}` | {libc} {version} |", "docs/where-it-runs.md");
        }
    }
}
