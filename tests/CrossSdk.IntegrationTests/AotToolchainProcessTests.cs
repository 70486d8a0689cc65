using CrossSdk.Aot;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration;

/// <summary>The NativeAOT compiler wrapper, run for real by /bin/sh.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class AotToolchainProcessTests
{
    [TestMethod]
    public async Task The_gcc_wrapper_drops_only_clangs_target_flag_and_keeps_every_other_argument_intact()
    {
        using var dir = new TempDirectory();
        var echo = dir.Write("echo-args", "#!/bin/sh\nfor a do printf '[%s]\\n' \"$a\"; done\n");
        File.SetUnixFileMode(echo, (UnixFileMode)0b111_101_101);
        var wrapper = dir.Write("cc", AotToolchain.WrapperScript(echo, isGcc: true, "linux-arm64"));
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);

        var run = await Processes.RunAsync(wrapper, ["--target=aarch64-linux-gnu", "-o", "out file", "a'b", "-Wl,--export-dynamic", "--targetx"]);

        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        Assert.AreEqual("[-o]\n[out file]\n[a'b]\n[-Wl,--export-dynamic]\n[--targetx]\n", run.StandardOutput);
        StringAssert.Contains(AotToolchain.WrapperScript("/nix/store/x-clang/bin/clang", isGcc: false, "linux-arm64"), "exec '/nix/store/x-clang/bin/clang' \"$@\"");
    }

    [TestMethod]
    public async Task A_compiler_path_and_RID_holding_shell_code_are_only_text_in_the_wrapper()
    {
        using var dir = new TempDirectory();
        var folder = Path.Combine(dir.Path, "cc $(touch PWN1) `touch PWN2` 'q'");
        Directory.CreateDirectory(folder);
        var echo = Path.Combine(folder, "echo-args");
        File.WriteAllText(echo, "#!/bin/sh\nfor a do printf '[%s]\\n' \"$a\"; done\n");
        File.SetUnixFileMode(echo, (UnixFileMode)0b111_101_101);
        var wrapper = dir.Write("cc", AotToolchain.WrapperScript(echo, isGcc: true, "linux-arm64\ntouch PWN3"));
        File.SetUnixFileMode(wrapper, (UnixFileMode)0b111_101_101);

        var run = await Processes.RunAsync("/bin/sh", ["-c", $"cd '{dir.Path}' && ./cc x"]);

        Assert.AreEqual(0, run.ExitCode, run.StandardError);
        Assert.AreEqual("[x]\n", run.StandardOutput);
        Assert.AreEqual(0, Directory.GetFiles(dir.Path, "PWN*", SearchOption.AllDirectories).Length, "the wrapper ran code from a value");
    }
}
