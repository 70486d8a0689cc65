using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Real C libraries from Debian source packages, with package files written as nixpkgs writes
/// them (tests/real-libraries): cJSON (CMake), libyaml (autoreconfHook), libspng (Meson, zlib
/// through pkg-config), and yamlcheck, the app's own library on libyaml (another of its package
/// files), built by CrossSdk and P/Invoked by a .NET app.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class RealLibrariesEndToEndTests
{
    private static readonly string[] Libraries = ["libcjson.so.1", "libyaml-0.so.2", "libspng.so.0", "libz.so.1", "libyamlcheck.so"];

    [TestMethod]
    public async Task Cjson_libyaml_libspng_and_a_library_on_libyaml_built_for_arm64_and_riscv64_ship_as_ELF_files_of_each_with_zlib()
    {
        using var work = await ProjectWorkspace.CreateAsync("tests", "real-libraries");

        var build = await work.DotNetAsync("build", "RealLibraries", "-p:CrossTargets=\"aarch64-linux,riscv64-linux\"", "-p:CrossStrategy=cross");

        Assert.AreEqual(0, build.ExitCode, build.All);
        foreach (var (rid, target, machine) in new[] { ("linux-arm64", "aarch64-linux", "AArch64"), ("linux-riscv64", "riscv64-linux", "RISC-V") })
        {
            var native = work.File("RealLibraries", "bin", "Debug", "net10.0", "runtimes", rid, "native");
            foreach (var library in Libraries)
            {
                await ElfAssert.IsForAsync(Path.Combine(native, library), target, machine);
            }

            // yamlcheck.nix calls libyaml.nix itself: the same derivation as that CrossPackage.
            var generated = work.File("RealLibraries", "obj", "cross", "crosssdk.nix");
            var libyaml = await EvalAsync(generated, $"{rid}--libyaml--out.outPath");
            var references = await Processes.RunAsync("nix-store", ["-q", "--references", await EvalAsync(generated, $"{rid}--yamlcheck--out.outPath")]);
            CollectionAssert.Contains(references.StandardOutput.Split('\n'), libyaml, references.All);
        }
    }

    private static async Task<string> EvalAsync(string file, string attribute)
    {
        var eval = await Processes.RunAsync("nix", ["--extra-experimental-features", "nix-command", "eval", "--raw", "-f", file, attribute]);
        Assert.AreEqual(0, eval.ExitCode, eval.StandardError);
        return eval.StandardOutput;
    }

    [TestMethod]
    public async Task A_published_arm64_app_P_Invokes_cjson_libyaml_yamlcheck_and_libspng_with_their_known_answers_under_QEMU()
    {
        using var work = await ProjectWorkspace.CreateAsync("tests", "real-libraries");
        var publishDir = work.File("publish");

        var publish = await work.DotNetAsync("publish", "RealLibraries", "-r", "linux-arm64", "--self-contained", "-p:CrossStrategy=cross", "-o", publishDir);

        Assert.AreEqual(0, publish.ExitCode, publish.All);
        var run = await Processes.RunAsync(
            "qemu-aarch64-static", [Path.Combine(publishDir, "RealLibraries")],
            environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" },
            timeout: TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, run.ExitCode, run.All);
        StringAssert.Contains(run.StandardOutput, """cjson: ok {"name":"CrossSdk","targets":["arm64","riscv64"],"n":42} n=42 targets=2""");
        StringAssert.Contains(run.StandardOutput, "libyaml: ok 0.2.5 S D M =a Q =1 =2 =3 q =b M =c =d m m d s");
        StringAssert.Contains(run.StandardOutput, "yamlcheck: ok 7 scalars");
        StringAssert.Contains(run.StandardOutput, "libspng: ok 3x2 rgb8 ff0000ff 00ff00ff 0000ffff ffffffff 000000ff 808080ff");
    }
}
