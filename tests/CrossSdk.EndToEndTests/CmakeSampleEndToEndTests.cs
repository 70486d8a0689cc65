using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// samples/CmakeZlib: a CMake library that finds zlib with find_package, wrapped by a class
/// library, as ./build.sh sample builds it.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class CmakeSampleEndToEndTests
{
    [TestMethod]
    public async Task The_CMake_sample_builds_for_arm64_and_riscv64_and_its_published_arm64_app_runs_under_QEMU()
    {
        using var work = await ProjectWorkspace.CreateAsync("samples", "CmakeZlib");

        var build = await work.DotNetAsync("build", "SqueezeApp", "-p:CrossTargets=\"aarch64-linux,riscv64-linux\"");

        Assert.AreEqual(0, build.ExitCode, build.All);
        foreach (var (rid, target, machine) in new[] { ("linux-arm64", "aarch64-linux", "AArch64"), ("linux-riscv64", "riscv64-linux", "RISC-V") })
        {
            var native = work.File("SqueezeApp", "bin", "Debug", "net10.0", "runtimes", rid, "native");
            await ElfAssert.IsForAsync(Path.Combine(native, "libsqueeze.so.1"), target, machine);
            await ElfAssert.IsForAsync(Path.Combine(native, "libz.so.1"), target, machine);
        }

        var publishDir = work.File("publish");
        var publish = await work.DotNetAsync("publish", "SqueezeApp", "-r", "linux-arm64", "--self-contained", "-o", publishDir);
        Assert.AreEqual(0, publish.ExitCode, publish.All);
        var run = await Processes.RunAsync(
            "qemu-aarch64-static", [Path.Combine(publishDir, "SqueezeApp")],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, "crc32(hello) = 3610a686");
        StringAssert.Contains(run.StandardOutput, "3300 bytes -> ");
        StringAssert.Contains(run.StandardOutput, "round trip ok");
        StringAssert.Contains(run.StandardOutput, "native: zlib 1.2.13, level 9; process: Arm64", "cmakeFlags reached the library");
    }
}
