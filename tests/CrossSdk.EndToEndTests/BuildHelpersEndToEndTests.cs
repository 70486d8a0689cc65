using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// The offline package set's build helpers (cmake, autoreconfHook, pkg-config, meson + ninja),
/// each on a tiny project (tests/build-helpers) built natively, cross (aarch64) and emulated
/// (aarch64 and riscv64 under QEMU): what the build system saw, the machine of what it built, and
/// the built program running (zlib's CRC-32 of "hello").
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class BuildHelpersEndToEndTests
{
    private const string Crc = "crc32(hello)=3610a686";

    [TestMethod]
    public async Task Cmake_configures_a_Release_build_folder_with_cmakeFlags_and_when_cross_the_targets_system_compilers_and_tools()
    {
        using var temp = new TempDirectory();
        var built = await BuildAsync(temp, "cmake");

        foreach (var output in built.All)
        {
            var facts = Facts(output);
            Assert.AreEqual("Release", facts["buildType"]);
            Assert.AreEqual(output, facts["prefix"]);
            Assert.AreEqual("from-cmakeFlags", facts["greeting"]);
            StringAssert.EndsWith(facts["binaryDir"], "/source/build", "configured in the build folder");
        }

        var cross = Facts(built.Cross);
        Assert.AreEqual("Linux", cross["system"]);
        Assert.AreEqual("aarch64", cross["processor"]);
        Assert.AreEqual("TRUE", cross["crosscompiling"]);
        StringAssert.EndsWith(cross["compiler"], "/bin/aarch64-unknown-linux-gnu-cc");
        StringAssert.EndsWith(cross["ar"], "/bin/aarch64-unknown-linux-gnu-ar");
        StringAssert.EndsWith(cross["strip"], "/bin/aarch64-unknown-linux-gnu-strip");
        StringAssert.Contains(cross["zlib"], "-zlib-aarch64-unknown-linux-gnu-1.2.13/lib/libz.so", "find_package found the host platform's zlib");

        var emulated = Facts(built.Emulated);
        Assert.AreEqual("aarch64", emulated["processor"]);
        Assert.AreEqual("FALSE", emulated["crosscompiling"], "an emulated build is native to the target");
        Assert.AreEqual("x86_64", Facts(built.Native)["processor"]);

        await AssertRunsAsync(built);
    }

    [TestMethod]
    public async Task AutoreconfHook_makes_configure_from_configure_ac_and_configure_gets_the_build_and_host_platforms()
    {
        using var temp = new TempDirectory();
        Assert.IsFalse(File.Exists(Path.Combine(Repo.Root, "tests", "build-helpers", "autotools", "configure")), "the project has no configure of its own");
        var built = await BuildAsync(temp, "autotools");

        var cross = Facts(built.Cross);
        Assert.AreEqual("aarch64-unknown-linux-gnu", cross["host"]);
        StringAssert.StartsWith(cross["build"], "x86_64-");
        Assert.AreEqual("aarch64-unknown-linux-gnu-cc", cross["compiler"]);
        Assert.AreEqual("aarch64-unknown-linux-gnu-pkg-config", cross["pkgConfig"], "PKG_PROG_PKG_CONFIG took the wrapper for the host platform");
        StringAssert.Contains(cross["zlibLibs"], "-zlib-aarch64-unknown-linux-gnu-1.2.13/lib -lz");

        var emulated = Facts(built.Emulated);
        StringAssert.StartsWith(emulated["host"], "aarch64-");
        Assert.AreEqual(emulated["host"], emulated["build"], "configure ran on the target under QEMU");
        StringAssert.StartsWith(Facts(built.Native)["host"], "x86_64-");

        await AssertRunsAsync(built);
    }

    [TestMethod]
    public async Task Pkg_config_is_named_for_the_host_platform_and_finds_the_host_platforms_zlib()
    {
        using var temp = new TempDirectory();
        var built = await BuildAsync(temp, "pkg-config");

        var cross = Facts(built.Cross);
        Assert.AreEqual("aarch64-unknown-linux-gnu-pkg-config", cross["pkgConfig"]);
        Assert.AreEqual("1.2.13", cross["zlibVersion"]);
        await ElfAssert.IsForAsync(Path.Combine(cross["zlibLibdir"], "libz.so.1"), "aarch64-linux", "AArch64");

        var emulated = Facts(built.Emulated);
        Assert.AreEqual("pkg-config", emulated["pkgConfig"]);
        await ElfAssert.IsForAsync(Path.Combine(emulated["zlibLibdir"], "libz.so.1"), "aarch64-linux", "AArch64");

        var native = Facts(built.Native);
        Assert.AreEqual("pkg-config", native["pkgConfig"]);
        StringAssert.StartsWith(native["zlibLibdir"], "/nix/store/", "the store's zlib, not the build machine's /usr/lib");
        await ElfAssert.IsForAsync(Path.Combine(native["zlibLibdir"], "libz.so.1"), "x86_64-linux", "Advanced Micro Devices X86-64");

        await AssertRunsAsync(built);
    }

    [TestMethod]
    public async Task Meson_gets_a_cross_file_for_the_target_mesonFlags_and_builds_and_installs_with_ninja()
    {
        using var temp = new TempDirectory();
        var built = await BuildAsync(temp, "meson");

        foreach (var output in built.All)
        {
            var facts = Facts(output);
            Assert.AreEqual("plain", facts["buildType"]);
            Assert.AreEqual("from-mesonFlags", facts["greeting"]);
            Assert.AreEqual("1.2.13", facts["zlib"], "dependency('zlib') through pkg-config");
            Assert.AreEqual("linux", facts["system"]);
        }

        var cross = Facts(built.Cross);
        Assert.AreEqual("true", cross["cross"]);
        Assert.AreEqual("aarch64", cross["cpuFamily"]);
        Assert.AreEqual("aarch64-unknown-linux-gnu-cc", cross["compiler"]);
        Assert.AreEqual("false", Facts(built.Emulated)["cross"]);
        Assert.AreEqual("aarch64", Facts(built.Emulated)["cpuFamily"]);
        Assert.AreEqual("x86_64", Facts(built.Native)["cpuFamily"]);

        await AssertRunsAsync(built);
    }

    [TestMethod]
    public async Task Every_helper_builds_emulated_on_riscv64_with_the_tools_of_the_Debian_13_root()
    {
        using var temp = new TempDirectory();
        string[] projects = ["cmake", "autotools", "pkg-config", "meson"];
        var link = Path.Combine(temp.Path, "result");

        var build = await Processes.RunAsync(
            "nix-build",
            [Path.Combine(Repo.Root, "tests", "build-helpers"), .. projects.SelectMany(p => new[] { "-A", $"{p}.emulated-riscv64" }),
             "--out-link", link, "--option", "extra-platforms", "riscv64-linux"],
            timeout: TimeSpan.FromMinutes(20));

        Assert.AreEqual(0, build.ExitCode, build.StandardError);
        var outputs = projects.Select((_, i) => Resolve(i == 0 ? link : $"{link}-{i + 1}")).ToArray();
        Assert.AreEqual("riscv64", Facts(outputs[0])["processor"]);
        StringAssert.StartsWith(Facts(outputs[1])["host"], "riscv64-");
        await ElfAssert.IsForAsync(Path.Combine(Facts(outputs[2])["zlibLibdir"], "libz.so.1"), "riscv64-linux", "RISC-V");
        Assert.AreEqual("riscv64", Facts(outputs[3])["cpuFamily"]);
        foreach (var output in outputs)
        {
            var program = Path.Combine(output, "bin", "crc");
            await ElfAssert.IsForAsync(program, "riscv64-linux", "RISC-V");
            var run = await Processes.RunAsync(
                "qemu-riscv64-static", [program],
                environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/riscv64-linux-gnu" },
                timeout: TimeSpan.FromMinutes(2));
            Assert.AreEqual(Crc, run.StandardOutput.Trim(), run.All);
        }
    }

    [TestMethod]
    public async Task A_packages_own_phases_dontUse_flags_and_autoreconfFlags_win_over_the_hooks()
    {
        using var temp = new TempDirectory();
        var link = Path.Combine(temp.Path, "result");

        // The project has no configure.ac: autoreconf with its default flags would fail the build.
        var build = await Processes.RunAsync("nix-build", [Path.Combine(Repo.Root, "tests", "build-helpers"), "-A", "overrides.native", "--out-link", link]);

        Assert.AreEqual(0, build.ExitCode, build.StandardError);
        CollectionAssert.AreEqual(
            new[] { "preAutoreconf", "postAutoreconf", "own-configurePhase", "own-buildPhase", "make-install" },
            File.ReadAllLines(Path.Combine(Resolve(link), "phases")));
    }

    private sealed record Built(string Native, string Cross, string Emulated)
    {
        public string[] All => [Native, Cross, Emulated];
    }

    /// <summary>One nix-build of the project for the three strategies (Nix builds them side by side).</summary>
    private static async Task<Built> BuildAsync(TempDirectory temp, string project)
    {
        var link = Path.Combine(temp.Path, "result");
        var build = await Processes.RunAsync(
            "nix-build",
            [Path.Combine(Repo.Root, "tests", "build-helpers"), "-A", $"{project}.native", "-A", $"{project}.cross", "-A", $"{project}.emulated",
             "--out-link", link, "--option", "extra-platforms", "aarch64-linux"],
            timeout: TimeSpan.FromMinutes(20));
        Assert.AreEqual(0, build.ExitCode, build.StandardError);
        // nix-build links the results in the order of the -A arguments.
        return new Built(Resolve(link), Resolve(link + "-2"), Resolve(link + "-3"));
    }

    private static string Resolve(string link) => new FileInfo(link).LinkTarget ?? throw new AssertFailedException($"{link} is not a link");

    private static Dictionary<string, string> Facts(string output) =>
        File.ReadAllLines(Path.Combine(output, "share", "facts.txt"))
            .Select(line => line.Split('=', 2))
            .ToDictionary(pair => pair[0], pair => pair[1].Trim());

    /// <summary>Each program is for its machine and prints zlib's answer (aarch64 ones under QEMU).</summary>
    private static async Task AssertRunsAsync(Built built)
    {
        await ElfAssert.IsForAsync(Path.Combine(built.Native, "bin", "crc"), "x86_64-linux", "Advanced Micro Devices X86-64");
        var native = await Processes.RunAsync(Path.Combine(built.Native, "bin", "crc"), []);
        Assert.AreEqual(Crc, native.StandardOutput.Trim(), native.All);

        foreach (var output in new[] { built.Cross, built.Emulated })
        {
            var program = Path.Combine(output, "bin", "crc");
            await ElfAssert.IsForAsync(program, "aarch64-linux", "AArch64");
            var run = await Processes.RunAsync(
                "qemu-aarch64-static", [program],
                environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" },
                timeout: TimeSpan.FromMinutes(2));
            Assert.AreEqual(Crc, run.StandardOutput.Trim(), run.All);
        }
    }
}
