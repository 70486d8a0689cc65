using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Run;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The run script and the runtime root, run for real: /bin/sh with a stand-in emulator, and nix-build.</summary>
[TestClass]
public sealed class RunOnTargetProcessTests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task The_run_script_passes_arguments_input_and_exit_code_through()
    {
        using var dir = new TempDirectory();
        // A stand-in emulator: prints what it was given and what it read, exits with the app's status.
        var emulator = Executable(dir, "qemu", "#!/bin/sh\necho \"prefix=$QEMU_LD_PREFIX\"\nfor a in \"$@\"; do echo \"arg=$a\"; done\nread line; echo \"stdin=$line\"\nexit 42\n");
        var script = Executable(dir, "run.sh", RunScript.Text(T("aarch64-linux"), emulator, "/nix/store/abc-root", "/app dir/App"));

        var result = await Processes.RunAsync("/bin/sh", ["-c", $"echo hello | '{script}' 'a b' c"]);

        Assert.AreEqual(42, result.ExitCode);
        StringAssert.Contains(result.StandardOutput, "prefix=/nix/store/abc-root\narg=-E\narg=LD_LIBRARY_PATH=/lib\narg=-E\narg=QEMU_LD_PREFIX=/nix/store/abc-root\narg=/app dir/App\narg=a b\narg=c\nstdin=hello\n");
        Assert.AreEqual("", result.StandardError);
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task A_runtime_killed_by_a_signal_under_QEMU_is_reported_as_such_with_the_advice()
    {
        using var dir = new TempDirectory();
        var emulator = Executable(dir, "qemu", "#!/bin/sh\nkill -SEGV $$\n");
        var script = Executable(dir, "run.sh", RunScript.Text(T("aarch64-linux"), emulator, "/root", "/app/App"));

        var result = await Processes.RunAsync(script, []);

        Assert.AreEqual(128 + 11, result.ExitCode);
        StringAssert.Contains(result.StandardError, $"error {DiagnosticCodes.RuntimeCrashUnderEmulation}: App died of signal 11 under QEMU (linux-arm64)");
        StringAssert.Contains(result.StandardError, "native linux-arm64 runner");
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task An_app_name_holding_shell_code_is_printed_as_text_and_runs_nothing_when_the_runtime_crashes()
    {
        using var dir = new TempDirectory();
        // What an AssemblyName may hold: command substitutions of both kinds, a variable, a
        // backslash escape printf or echo would read, quotes, and a line break that would end
        // the comment line the name is also written into.
        const string Name = "Crash$(touch PWN3)`touch PWN4`$HOME\\n'\"\ntouch PWN5";
        var emulator = Executable(dir, "qemu", "#!/bin/sh\nkill -ABRT $$\n");
        var script = Executable(dir, "run.sh", RunScript.Text(T("aarch64-linux"), emulator, "/root", "/app/" + Name));

        var result = await Processes.RunAsync("/bin/sh", ["-c", $"cd '{dir.Path}' && '{script}'"]);

        Assert.AreEqual(128 + 6, result.ExitCode, result.StandardError);
        StringAssert.Contains(result.StandardError, $"error {DiagnosticCodes.RuntimeCrashUnderEmulation}: {Name} died of signal 6 under QEMU (linux-arm64)");
        foreach (var canary in new[] { "PWN3", "PWN4", "PWN5" })
        {
            Assert.IsFalse(File.Exists(Path.Combine(dir.Path, canary)), $"{canary} was created: the script ran code from the app's name");
        }
    }

    [TestMethod]
    [TestCategory("RealProcesses")]
    public async Task The_offline_runtime_root_holds_the_targets_loader_C_library_and_ICU()
    {
        using var dir = new TempDirectory();
        var generated = ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.FromFolder(Repo.OfflineNixpkgs), "x86_64-linux", [new TargetPlan(T("aarch64-linux"), Strategy.Cross, "test")], [], "h") { RuntimeRoot = new RuntimeRootSpec("linux-arm64", Icu: true) });
        var file = dir.Write("root.nix", generated.Text);
        var link = Path.Combine(dir.Path, "result");
        var result = await Processes.RunAsync("nix-build", [file, "-A", generated.Attributes.Single(a => a.Role == InstallableRole.RuntimeRoot).Name, "-o", link]);
        Assert.AreEqual(0, result.ExitCode, result.StandardError);
        foreach (var library in new[] { "ld-linux-aarch64.so.1", "libc.so.6", "libgcc_s.so.1", "libstdc++.so.6", "libicuuc.so.72" })
        {
            Assert.IsTrue(File.Exists(Path.Combine(link, "lib", library)), library);
        }

        Assert.AreEqual(ElfMachines.AArch64, ElfFile.Read(Path.Combine(link, "lib", "libc.so.6"))!.Identity.Machine);
    }

    private static string Executable(TempDirectory dir, string name, string text)
    {
        var path = dir.Write(name, text);
        File.SetUnixFileMode(path, (UnixFileMode)0b111_101_101);
        return path;
    }
}
