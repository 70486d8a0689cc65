using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// Windows API versions against the target Windows (NT 6.2), on the DLLs of tests/fixtures/pe and
/// the table generated from MinGW-w64's headers.
/// </summary>
[TestClass]
public sealed class WindowsApiVersionsTests
{
    private static PeFile Fixture(string name) => PeFile.Read(Path.Combine(Repo.Root, "tests", "fixtures", "pe", name))!;

    [TestMethod]
    [DataRow("newapi-win-x64.dll")]
    [DataRow("newapi-win-x86.dll")]
    public void A_DLL_importing_a_Windows_10_function_is_CROSS0108_naming_the_DLL_the_import_and_the_version(string file)
    {
        var findings = WindowsApiVersions.Check("runtimes/win-x64/native/newapi.dll", Fixture(file)).ToList();

        Assert.HasCount(1, findings);
        Assert.AreEqual(DiagnosticCodes.WindowsApiNewerThanTarget, findings[0].Code);
        StringAssert.Contains(findings[0].Message, "runtimes/win-x64/native/newapi.dll imports Windows functions newer than Windows 8 / Windows Server 2012 (NT 6.2)");
        StringAssert.Contains(findings[0].Message, "IsWow64Process2 from KERNEL32.dll, new in Windows 10 / Windows Server 2016 (NT 10.0)");
        StringAssert.Contains(findings[0].Message, "wow64apiset.h declares it only for _WIN32_WINNT >= 0x0A00");
        Assert.IsFalse(findings[0].Message.Contains("GetTickCount64", StringComparison.Ordinal), "Vista's GetTickCount64 is older than the target");
    }

    [TestMethod]
    public void A_DLL_importing_only_older_functions_with_MinGWs_default_subsystem_version_gets_no_warning()
    {
        var pe = Fixture("oldapi-win-x64.dll");

        Assert.AreEqual(new Version(5, 2), pe.SubsystemVersion);
        Assert.IsEmpty(WindowsApiVersions.Check("oldapi.dll", pe).ToList());
    }

    [TestMethod]
    public void A_DLL_whose_PE_header_asks_for_subsystem_version_10_is_CROSS0109()
    {
        var pe = Fixture("subsystem10-win-x64.dll");

        var findings = WindowsApiVersions.Check("runtimes/win-x64/native/subsystem10.dll", pe).ToList();

        Assert.AreEqual(new Version(10, 0), pe.SubsystemVersion);
        Assert.HasCount(1, findings);
        Assert.AreEqual(DiagnosticCodes.WindowsSubsystemNewerThanTarget, findings[0].Code);
        StringAssert.Contains(findings[0].Message, "subsystem version 10.0");
        StringAssert.Contains(findings[0].Message, "--major-subsystem-version");
    }

    [TestMethod]
    public void A_newer_function_imported_from_a_DLL_that_ships_beside_it_is_not_a_Windows_API()
    {
        var pe = new PeFile(0x8664, true) { Imports = [new PeImport("libhelper.dll", 0, false, ["IsWow64Process2"])], SubsystemVersion = new Version(5, 2) };

        Assert.IsEmpty(WindowsApiVersions.Check("x.dll", pe).ToList());
    }

    [TestMethod]
    [DataRow("VirtualAlloc2", 0x0A00, "memoryapi.h")]
    [DataRow("IsWow64Process2", 0x0A00, "wow64apiset.h")]
    public void The_table_generated_from_the_MinGW_headers_knows_Windows_10_functions(string function, int version, string header) =>
        Assert.AreEqual(((ushort)version, header), WindowsApiVersions.Introduced(function));

    [TestMethod]
    [DataRow("QueueUserAPC")]
    [DataRow("SwitchToThread")]
    [DataRow("GetTickCount64")]
    [DataRow("CreateFileW")]
    public void A_function_the_headers_also_declare_without_a_version_guard_is_not_in_the_table(string function) =>
        Assert.IsNull(WindowsApiVersions.Introduced(function), "MinGW declares QueueUserAPC under a Windows 10 guard for apps, and without one for the desktop");
}
