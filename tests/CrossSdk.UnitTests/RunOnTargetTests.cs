using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Expressions;
using CrossSdk.Planning;
using CrossSdk.Platforms;
using CrossSdk.Run;
using CrossSdk.Tests.Infrastructure;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class RunOnTargetTests
{
    private static readonly TargetPlatform X64 = PlatformCatalog.Resolve("x86_64-linux", "t");

    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    private static BinfmtState Binfmt(params (string Name, string Entry)[] entries) =>
        new(true, "/proc/sys/fs/binfmt_misc", entries.Select(e => BinfmtHandler.Parse(e.Name, e.Entry)!).ToList());

    /// <summary>A file system of symlinks: path -> the file it resolves to (absent: no such file).</summary>
    private static Func<string, string?> Files(params (string Path, string Real)[] files) =>
        path => files.FirstOrDefault(f => f.Path == path).Real;

    [TestMethod]
    public void The_emulator_is_the_QEMU_binary_the_binfmt_handler_for_the_target_links_to()
    {
        var emulator = Emulator.Find(
            T("aarch64-linux"),
            Binfmt(("qemu-aarch64", BinfmtEntries.DebianAarch64)),
            ["/usr/bin"],
            Files(("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", "/usr/bin/qemu-aarch64-static"), ("/usr/bin/qemu-aarch64", "/usr/bin/qemu-aarch64")));
        Assert.AreEqual("/usr/bin/qemu-aarch64-static", emulator);
    }

    [TestMethod]
    public void A_handler_that_is_not_QEMU_or_serves_another_target_leaves_the_choice_to_PATH()
    {
        // NixOS's interpreter is a wrapper named after the system, not a QEMU binary.
        var state = Binfmt(("riscv64-linux", BinfmtEntries.NixOsRiscv64), ("qemu-aarch64", BinfmtEntries.DebianAarch64));
        var files = Files(
            ("/run/binfmt/riscv64-linux", "/run/binfmt/riscv64-linux"),
            ("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", "/usr/bin/qemu-aarch64-static"),
            ("/opt/qemu/bin/qemu-riscv64-static", "/opt/qemu/bin/qemu-riscv64-static"));
        Assert.AreEqual("/opt/qemu/bin/qemu-riscv64-static", Emulator.Find(T("riscv64-linux"), state, ["/usr/bin", "/opt/qemu/bin"], files));
    }

    [TestMethod]
    public void Without_a_handler_the_plain_QEMU_on_PATH_comes_before_the_static_one()
    {
        var files = Files(("/b/qemu-arm-static", "/b/qemu-arm-static"), ("/a/qemu-arm", "/a/qemu-arm"));
        Assert.AreEqual("/a/qemu-arm", Emulator.Find(T("armv7l-linux"), Binfmt(), ["/b", "/a"], files));
    }

    [TestMethod]
    public void No_handler_and_no_QEMU_on_PATH_is_a_coded_error_with_the_fix()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => Emulator.Find(T("aarch64-linux"), Binfmt(("qemu-arm", BinfmtEntries.DebianArm)), ["/usr/bin"], Files()));
        Assert.AreEqual(DiagnosticCodes.NoRunEmulator, ex.Code);
        StringAssert.Contains(ex.Message, "qemu-aarch64-static");
        StringAssert.Contains(ex.Message, "apt-get install qemu-user-static");
    }

    [TestMethod]
    public void The_run_target_is_the_one_CrossTarget_else_the_RID_and_this_machine_runs_as_usual()
    {
        Assert.AreEqual("linux-arm64", RunTarget.Resolve(null, ["aarch64-linux"], null, X64)!.Rid);
        Assert.AreEqual("linux-arm64", RunTarget.Resolve("", [], "linux-arm64", X64)!.Rid);
        Assert.IsNull(RunTarget.Resolve(null, [], null, X64));
        Assert.IsNull(RunTarget.Resolve(null, ["x86_64-linux"], null, X64));
        // i686 runs on x86_64 without emulation.
        Assert.IsNull(RunTarget.Resolve(null, ["i686-linux"], null, X64));
    }

    [TestMethod]
    public void Several_targets_need_CrossRunTarget_to_say_which_one_runs()
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => RunTarget.Resolve(null, ["aarch64-linux", "riscv64-linux"], null, X64));
        Assert.AreEqual(DiagnosticCodes.SeveralRunTargets, ex.Code);
        StringAssert.Contains(ex.Message, "-p:CrossRunTarget=linux-arm64");
        Assert.AreEqual("linux-arm64", RunTarget.Resolve("aarch64-multiplatform", ["aarch64-linux", "riscv64-linux"], null, X64)!.Rid);
    }

    [TestMethod]
    [DataRow("riscv64-linux")]
    [DataRow("linux-musl-riscv64")]
    [DataRow("loongarch64-linux")]
    public void A_target_Microsoft_publishes_no_runtime_pack_for_cannot_run_managed_code(string target)
    {
        var ex = Assert.ThrowsExactly<CrossException>(() => RunTarget.Resolve(null, [target], null, X64));
        Assert.AreEqual(DiagnosticCodes.NoRuntimePack, ex.Code);
        StringAssert.Contains(ex.Message, "Microsoft.NETCore.App.Runtime." + T(target).Rid);
        StringAssert.Contains(ex.Message, "C test program");
    }

    [TestMethod]
    public void The_run_script_hands_QEMU_the_runtime_root_and_quotes_every_path()
    {
        var text = RunScript.Text(T("aarch64-linux"), "/usr/bin/qemu-aarch64-static", "/nix/store/abc-root", "/home/o'neil/my app/App");
        StringAssert.Contains(text, "QEMU_LD_PREFIX='/nix/store/abc-root'\nexport QEMU_LD_PREFIX");
        StringAssert.Contains(text, "'/usr/bin/qemu-aarch64-static' -E LD_LIBRARY_PATH=/lib -E 'QEMU_LD_PREFIX=/nix/store/abc-root' '/home/o'\\''neil/my app/App' \"$@\"");
    }

    [TestMethod]
    public void The_runtime_root_is_generated_for_the_run_target_only_with_ICU_unless_invariant()
    {
        TargetPlan Plan(string target) => new(T(target), Strategy.Cross, "test");
        var withIcu = ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.SearchPath(null), "x86_64-linux", [Plan("aarch64-linux"), Plan("riscv64-linux")], [], "h") { RuntimeRoot = new RuntimeRootSpec("linux-arm64", Icu: true) });
        var roots = withIcu.Attributes.Where(a => a.Role == InstallableRole.RuntimeRoot).ToList();
        Assert.AreEqual(1, roots.Count);
        Assert.AreEqual("linux-arm64", roots[0].Plan!.Target.Rid);
        StringAssert.Contains(withIcu.Text, "libs = [ (cc.libc.out or cc.libc) (let c = cc.cc; in c.lib or c) ] ++ [ (p.icu.out or p.icu) ];");

        var invariant = ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.SearchPath(null), "x86_64-linux", [Plan("aarch64-linux")], [], "h") { RuntimeRoot = new RuntimeRootSpec("linux-arm64", Icu: false) });
        Assert.IsFalse(invariant.Text.Contains("icu", StringComparison.Ordinal));
        Assert.IsFalse(ExpressionGenerator.Generate(new ExpressionSpec(NixpkgsSource.SearchPath(null), "x86_64-linux", [Plan("aarch64-linux")], [], "h")).Text.Contains("runtime-root", StringComparison.Ordinal));
    }

    [TestMethod]
    public void A_manifest_keeps_its_runtime_roots_and_one_without_a_path_is_unusable()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "manifest.json");
        new Manifest("key", []) { RuntimeRoots = [new RuntimeRoot("linux-arm64", "/nix/store/abc-root")] }.Write(path);
        Assert.AreEqual("/nix/store/abc-root", Manifest.TryRead(path)!.RuntimeRoots.Single(r => r.Rid == "linux-arm64").Path);

        File.WriteAllText(path, File.ReadAllText(path).Replace("\"/nix/store/abc-root\"", "null", StringComparison.Ordinal));
        Assert.IsNull(Manifest.TryRead(path));
    }

    [TestMethod]
    public void The_NativeAOT_publish_gets_the_users_global_properties_escaped_less_the_removed_ones_and_the_run_targets_win()
    {
        var text = ResponseFile.Text(
            "/src/my app/App.csproj",
            new Dictionary<string, string> { ["CrossNixpkgs"] = "/nix pkgs;x", ["CrossTarget"] = "aarch64-linux", ["EnableDefaultItems"] = "false", ["CrossTargets"] = "a,b" },
            new Dictionary<string, string> { ["CrossTarget"] = "linux-arm64", ["CrossTargets"] = "", ["RuntimeIdentifier"] = "linux-arm64" },
            ["EnableDefaultItems"]);
        Assert.AreEqual(
            "\"/src/my app/App.csproj\"\n-p:CrossNixpkgs=/nix%20pkgs%3Bx\n-p:CrossTarget=linux-arm64\n-p:CrossTargets=\n-p:RuntimeIdentifier=linux-arm64\n",
            text.Replace("\r\n", "\n", StringComparison.Ordinal));
    }
}
