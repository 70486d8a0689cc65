using CrossSdk.Aot;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
[TestCategory("RealProcesses")]
public sealed class AotToolchainTests
{
    [TestMethod]
    public void Finds_the_compiler_driver_and_objcopy_nixpkgs_names_them()
    {
        string[] bin = ["/x/bin/aarch64-unknown-linux-gnu-c++", "/x/bin/aarch64-unknown-linux-gnu-cc", "/x/bin/aarch64-unknown-linux-gnu-gcc", "/x/bin/aarch64-unknown-linux-gnu-objcopy"];
        Assert.AreEqual("aarch64-unknown-linux-gnu-cc", AotToolchain.FindCompiler(bin));
        Assert.AreEqual("aarch64-unknown-linux-gnu-objcopy", AotToolchain.FindObjCopy(bin));
        Assert.AreEqual("cc", AotToolchain.FindCompiler(["/y/bin/cc", "/y/bin/ld"]));
        Assert.IsNull(AotToolchain.FindObjCopy(["/y/bin/cc"]));
    }

    [TestMethod]
    [DataRow("aarch64-unknown-linux-gnu", "linux-arm64", true)]
    [DataRow("aarch64-linux-gnu\n", "linux-arm64", true)]
    [DataRow("x86_64-linux-gnu", "linux-arm64", false)]
    [DataRow("aarch64-unknown-linux-musl", "linux-arm64", false)]
    [DataRow("aarch64-unknown-linux-musl", "linux-musl-arm64", true)]
    [DataRow("arm-linux-gnueabihf", "linux-arm", true)]
    [DataRow("riscv64-unknown-linux-gnu", "linux-riscv64", true)]
    public void Checks_dumpmachine_against_the_target(string machine, string rid, bool matches) =>
        Assert.AreEqual(matches, AotToolchain.MatchesTarget(machine, PlatformCatalog.Resolve(rid, "t")));

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
