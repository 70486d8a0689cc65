using System.Text.Json;
using CrossSdk.Doctor;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

[TestClass]
[TestCategory("EndToEnd")]
public sealed class DoctorEndToEndTests
{
    [TestMethod]
    public async Task CrossDoctor_shows_Nix_each_handler_and_each_targets_plan_and_builds_nothing()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var doctor = await sample.DotNetAsync("build", sample.Library, "-t:CrossDoctor", "-p:CrossTargets=\"aarch64-linux,s390x-linux,i686-linux\"");

        Assert.AreEqual(0, doctor.ExitCode, doctor.All);
        var text = doctor.StandardOutput;
        StringAssert.Contains(text, "nix          nix (Nix)");
        StringAssert.Contains(text, "trusted: yes");
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"qemu-aarch64\s+enabled\s+flags PF\s+\S+\s+serves aarch64-linux"));
        // Whether this kernel runs i386 code at all (some x86_64 kernels have no IA32 emulation): the probe decides, as CrossSdk's does.
        StringAssert.Contains(text, CrossSdk.Host.I386Probe.Run() == false
            ? "i686-linux -> cross (pkgsCross.gnu32): emulation is not possible here: this x86_64-linux kernel cannot execute i686 code"
            : "i686-linux -> native (system i686-linux): this x86_64-linux host runs i686-linux code without emulation");
        StringAssert.Contains(text, "s390x-linux -> cross (pkgsCross.s390x): emulation is not possible here");
        StringAssert.Contains(text, "aarch64-linux -> ");
        Assert.IsFalse(Directory.Exists(sample.LibraryCross("out")), "the doctor builds nothing");
    }

    [TestMethod]
    public async Task CrossDoctor_reports_Wine_its_version_and_prefix_and_why_win_x86_and_win_arm64_cannot_run_here()
    {
        using var sample = await SampleWorkspace.CreateAsync();

        var doctor = await sample.DotNetAsync("build", sample.Library, "-t:CrossDoctor", "-p:CrossTargets=\"win-x64,win-x86\"");

        Assert.AreEqual(0, doctor.ExitCode, doctor.All);
        var text = doctor.StandardOutput;
        // This machine: Debian 12's wine64 8.0 (its loader has no command on PATH), a kernel without IA32 emulation.
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"wine\s+/usr/lib/wine/wine64: wine-8\.0"));
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"win-x64\s+runs under Wine; prefix /\S+/crosssdk/wine/win-x64"));
        StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"win-arm64\s+cannot run here: CROSS0105: .*no emulator here runs arm64 Windows"));
        if (CrossSdk.Host.I386Probe.Run() == false)
        {
            StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"win-x86\s+cannot run here: CROSS0105: .*cannot execute 32-bit x86 code"));
            // win-x86 is a target of this project that cannot run here: a problem; win-arm64 is not one.
            StringAssert.Contains(text, "- CROSS0105: Nothing runs win-x86 programs");
            Assert.IsFalse(text.Contains("- CROSS0105: Nothing runs win-arm64 programs", StringComparison.Ordinal), text);
        }
    }

    [TestMethod]
    public async Task CrossDoctor_on_a_host_without_binfmt_misc_names_the_problem_and_its_fix()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        using var noBinfmt = new TempDirectory();

        var doctor = await sample.DotNetAsync("build", sample.Library, "-t:CrossDoctor", "-p:CrossTarget=aarch64-linux", $"-p:CrossBinfmtMiscFolder={noBinfmt.Path}");

        Assert.AreEqual(0, doctor.ExitCode, doctor.All);
        StringAssert.Contains(doctor.StandardOutput, $"binfmt_misc  not mounted at {noBinfmt.Path}");
        StringAssert.Contains(doctor.StandardOutput, "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc");
        StringAssert.Contains(doctor.StandardOutput, "aarch64-linux -> cross (pkgsCross.aarch64-multiplatform): emulation is not possible here: binfmt_misc is not mounted");
    }

    [TestMethod]
    public async Task CrossPlan_writes_the_plan_as_JSON_without_building()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        using var noBinfmt = new TempDirectory();
        noBinfmt.Write("status", "enabled\n");
        var planFile = Path.Combine(sample.Root, "plan.json");

        var plan = await sample.DotNetAsync(
            "build", sample.Library, "-t:CrossPlan", "-p:CrossTargets=\"riscv64-linux,x86_64-linux\"",
            $"-p:CrossBinfmtMiscFolder={noBinfmt.Path}", $"-p:CrossPlanFile={planFile}");

        Assert.AreEqual(0, plan.ExitCode, plan.All);
        var json = JsonDocument.Parse(File.ReadAllText(planFile)).RootElement;
        var targets = json.GetProperty("targets").EnumerateArray().ToList();
        Assert.AreEqual("riscv64-linux", targets[0].GetProperty("target").GetString());
        Assert.AreEqual("cross", targets[0].GetProperty("strategy").GetString());
        Assert.AreEqual("pkgsCross.riscv64", targets[0].GetProperty("pkgs").GetString());
        Assert.AreEqual("runtimes/linux-riscv64/native/", targets[0].GetProperty("outputFolder").GetString());
        StringAssert.Contains(targets[0].GetProperty("reason").GetString(), "no binfmt_misc handler");
        Assert.AreEqual("native", targets[1].GetProperty("strategy").GetString());
        Assert.AreEqual(Repo.OfflineNixpkgs, json.GetProperty("nixpkgs").GetString());
        Assert.AreEqual("greet", json.GetProperty("packages")[0].GetProperty("name").GetString());
        Assert.IsFalse(Directory.Exists(sample.LibraryCross("out")), "planning builds nothing");
    }
}
