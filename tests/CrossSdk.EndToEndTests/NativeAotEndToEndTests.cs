using CrossSdk.Artifacts;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// `dotnet publish -r linux-arm64 -p:PublishAot=true` on x64, with the C toolchain from Nix: the
/// samples/AotHello app, run under QEMU, calling its cross-built library.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class NativeAotEndToEndTests
{
    private static async Task<(TempDirectory Dir, string App)> AotHelloAsync()
    {
        var dir = new TempDirectory();
        var app = Path.Combine(dir.Path, "AotHello");
        SampleWorkspace.CopyDirectory(Path.Combine(Repo.Samples, "AotHello"), app);
        await SampleWorkspace.WriteUserSetupAsync(dir.Path);
        return (dir, app);
    }

    [TestMethod]
    public async Task Publishing_NativeAOT_for_linux_arm64_links_with_Nix_and_runs_under_QEMU()
    {
        var (dir, app) = await AotHelloAsync();
        using (dir)
        {
            var publishDir = Path.Combine(dir.Path, "publish");

            var publish = await DotNet.RunAsync(app, "publish", "-r", "linux-arm64", "-o", publishDir);

            Assert.AreEqual(0, publish.ExitCode, publish.All);
            StringAssert.Matches(publish.StandardOutput, new System.Text.RegularExpressions.Regex(@"CrossSdk: NativeAOT links for linux-arm64 with /nix/store/\S+-aarch64-unknown-linux-gnu-gcc-wrapper-12/bin/aarch64-unknown-linux-gnu-cc \(aarch64-linux-gnu\) from Nix"));
            StringAssert.Contains(publish.StandardOutput, "NativeAOT executable AotHello (linux-arm64) needs GLIBC_2.");
            var exe = Path.Combine(publishDir, "AotHello");
            await ElfAssert.IsForAsync(exe, "aarch64-linux", "AArch64");
            Assert.AreEqual("/lib/ld-linux-aarch64.so.1", ElfFile.Read(exe)!.Interpreter);
            Assert.IsFalse(Portability.StorePathsIn(ElfFile.Read(exe)!).Any(), "no /nix/store path in what ships");
            await ElfAssert.IsForAsync(Path.Combine(publishDir, "libhello.so"), "aarch64-linux", "AArch64");
            Assert.IsFalse(File.Exists(Path.Combine(publishDir, "AotHello.dll")), "a native executable, not IL");
            Assert.IsFalse(Directory.Exists(Path.Combine(publishDir, "runtimes")), "a RID-specific publish has the library next to the app only");

            var run = await Processes.RunAsync("qemu-aarch64-static", [exe],
                environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" });
            Assert.AreEqual(0, run.ExitCode, run.All);
            Assert.AreEqual("AotHello: 2 + 3 = 5 from libhello built for aarch64, running as Arm64 NativeAOT", run.StandardOutput.Trim());
        }
    }

    [TestMethod]
    public async Task A_projects_own_CppCompilerAndLinker_wins_and_CrossSdk_says_so()
    {
        var (dir, app) = await AotHelloAsync();
        using (dir)
        {
            var own = dir.Write("my-cc", "#!/bin/sh\nfor arg do shift; case $arg in --target=*) ;; *) set -- \"$@\" \"$arg\" ;; esac; done\necho used >> \"$(dirname \"$0\")/my-cc.log\"\nexec aarch64-linux-gnu-gcc \"$@\"\n");
            File.SetUnixFileMode(own, (UnixFileMode)0b111_101_101);

            var publish = await DotNet.RunAsync(app, "publish", "-r", "linux-arm64", $"-p:CppCompilerAndLinker={own}", "-p:ObjCopyName=aarch64-linux-gnu-objcopy", "-o", Path.Combine(dir.Path, "publish"));

            Assert.AreEqual(0, publish.ExitCode, publish.All);
            StringAssert.Contains(publish.StandardOutput, $"CrossSdk: CppCompilerAndLinker is set by the project ({own})");
            Assert.IsFalse(publish.StandardOutput.Contains("NativeAOT links for linux-arm64 with /nix/store", StringComparison.Ordinal));
            Assert.IsTrue(File.Exists(Path.Combine(dir.Path, "my-cc.log")), "the project's compiler did the link");
        }
    }

    [TestMethod]
    public async Task A_static_CrossPackage_is_linked_into_the_executable()
    {
        var (dir, app) = await AotHelloAsync();
        using (dir)
        {
            var project = Path.Combine(app, "AotHello.csproj");
            File.WriteAllText(project, File.ReadAllText(project).Replace("<CrossPackage Include=\"native/hello.nix\" />", "<CrossPackage Include=\"native/hello.nix\" Link=\"static\" />", StringComparison.Ordinal));
            var publishDir = Path.Combine(dir.Path, "publish");

            var publish = await DotNet.RunAsync(app, "publish", "-r", "linux-arm64", "-o", publishDir);

            Assert.AreEqual(0, publish.ExitCode, publish.All);
            var exe = Path.Combine(publishDir, "AotHello");
            CollectionAssert.DoesNotContain(ElfFile.Read(exe)!.Needed.ToList(), "libhello.so", "bound at link time");
            Assert.IsFalse(File.Exists(Path.Combine(publishDir, "libhello.so")));
            Assert.IsFalse(File.Exists(Path.Combine(publishDir, "libhello.a")), "a link input, not a file to ship");
            var run = await Processes.RunAsync("qemu-aarch64-static", [exe],
                environment: new Dictionary<string, string?> { ["QEMU_LD_PREFIX"] = "/usr/aarch64-linux-gnu" });
            Assert.AreEqual(0, run.ExitCode, run.All);
            StringAssert.Contains(run.StandardOutput, "2 + 3 = 5 from libhello built for aarch64");
        }
    }
}
