using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The checked-in table of Windows API versions is what eng/windows-api/generate.py makes from this machine's MinGW-w64 headers.</summary>
[TestClass]
public sealed class WindowsApiTableProcessTests
{
    [TestMethod]
    public async Task The_checked_in_table_is_what_the_script_makes_from_this_machines_MinGW_headers()
    {
        if (!Directory.Exists("/usr/share/mingw-w64/include"))
        {
            Assert.Inconclusive("no MinGW-w64 headers here (Debian: mingw-w64-x86-64-dev)");
        }

        var generate = await Processes.RunAsync("python3", [Path.Combine(Repo.Root, "eng", "windows-api", "generate.py")]);

        Assert.AreEqual(0, generate.ExitCode, generate.All);
        Assert.AreEqual(
            File.ReadAllText(Path.Combine(Repo.Root, "tasks", "Artifacts", "WindowsApiVersions.g.cs")).Trim(),
            generate.StandardOutput.Trim(),
            "rerun: python3 eng/windows-api/generate.py > tasks/Artifacts/WindowsApiVersions.g.cs");
    }
}
