using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Run;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The Wine run script and the i386 probe program, run for real.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class WineAndI386ProcessTests
{
    [TestMethod]
    public async Task The_run_script_quotes_every_value_and_passes_arguments_through()
    {
        using var dir = new TempDirectory();
        var app = Path.Combine(dir.Path, "it's $(not) run.exe");
        var text = WineRunScript.Text("win-x64", "/usr/bin/echo", "/bin/true", Path.Combine(dir.Path, "pre'fix"), app);
        StringAssert.Contains(text, "WINEDEBUG=-all");
        StringAssert.Contains(text, "'" + dir.Path + "/it'\\''s $(not) run.exe'");
        var script = WriteScript(dir, text, "pre'fix");

        // With echo as "Wine": the app's path and the arguments arrive as they were given.
        var run = await Processes.RunAsync(script, ["a b", "$HOME", "'q'"]);

        Assert.AreEqual(0, run.ExitCode, run.All);
        Assert.AreEqual($"{app} a b $HOME 'q'\n", run.StandardOutput);
    }

    [TestMethod]
    [DataRow(null, "0")]
    [DataRow("1", "1")]
    public async Task The_run_script_turns_dotnets_W_X_off_under_Wine_unless_the_user_set_it(string? given, string expected)
    {
        using var dir = new TempDirectory();
        var wine = dir.Write("wine", "#!/bin/sh\necho \"W^X=$DOTNET_EnableWriteXorExecute\"\n");
        File.SetUnixFileMode(wine, (UnixFileMode)0b111_101_101);
        var script = WriteScript(dir, WineRunScript.Text("win-x64", wine, "/bin/true", Path.Combine(dir.Path, "prefix"), Path.Combine(dir.Path, "app.exe")), "prefix");

        var run = await Processes.RunAsync(script, [], environment: new Dictionary<string, string?> { ["DOTNET_EnableWriteXorExecute"] = given });

        Assert.AreEqual(0, run.ExitCode, run.All);
        Assert.AreEqual($"W^X={expected}\n", run.StandardOutput);
    }

    [TestMethod]
    public async Task The_i386_probe_program_is_a_valid_i386_program_that_exits_0()
    {
        using var dir = new TempDirectory();
        var file = Path.Combine(dir.Path, "probe");
        File.WriteAllBytes(file, I386Probe.Program());
        File.SetUnixFileMode(file, (UnixFileMode)0b111_101_101);

        var readelf = await Processes.RunAsync("readelf", ["-h", file]);
        StringAssert.Contains(readelf.StandardOutput, "Intel 80386");
        // Run by QEMU's i386 emulator, which this machine has whether or not its kernel runs i386 code.
        var run = await Processes.RunAsync("qemu-i386-static", [file]);
        Assert.AreEqual(0, run.ExitCode, run.All);
    }

    /// <summary>The script as an executable run.sh, with its prefix made already, so it starts the app at once.</summary>
    private static string WriteScript(TempDirectory dir, string text, string prefix)
    {
        var script = dir.Write("run.sh", text);
        File.SetUnixFileMode(script, (UnixFileMode)0b111_101_101);
        Directory.CreateDirectory(Path.Combine(dir.Path, prefix));
        File.WriteAllText(Path.Combine(dir.Path, prefix, "system.reg"), "");
        return script;
    }
}
