using CrossSdk.Host;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;
using static CrossSdk.Tests.Infrastructure.BinfmtEntries;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class BinfmtTests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    [TestMethod]
    public void Parses_an_entry_of_binfmt_misc()
    {
        var handler = BinfmtHandler.Parse("qemu-aarch64", DebianAarch64)!;
        Assert.IsTrue(handler.Enabled);
        Assert.AreEqual("/usr/libexec/qemu-binfmt/aarch64-binfmt-P", handler.Interpreter);
        Assert.AreEqual("PF", handler.Flags);
        Assert.IsTrue(handler.FixBinary);
        Assert.AreEqual(20, handler.Magic!.Length);
        Assert.IsNull(BinfmtHandler.Parse("status", "enabled"[..0]));
    }

    [TestMethod]
    [DataRow(DebianAarch64, "aarch64-linux", true)]
    [DataRow(DebianAarch64, "riscv64-linux", false)]
    [DataRow(DebianAarch64, "x86_64-linux", false)]
    [DataRow(DebianArm, "armv7l-linux", true)]
    [DataRow(DebianArm, "armv6l-linux", true)]
    [DataRow(DebianArm, "aarch64-linux", false)]
    [DataRow(DebianS390xDisabled, "s390x-linux", true)]
    [DataRow(NixOsRiscv64, "riscv64-linux", true)]
    [DataRow(NixOsRiscv64, "linux-musl-riscv64", true)]
    public void Handlers_are_matched_by_ELF_header_not_by_name(string entry, string target, bool matches) =>
        Assert.AreEqual(matches, BinfmtHandler.Parse("any-name", entry)!.Matches(T(target)));

    [TestMethod]
    public void A_folder_without_status_is_not_mounted()
    {
        using var dir = new TempDirectory();
        var state = BinfmtProbe.Read(dir.Path);
        Assert.IsFalse(state.Mounted);
        Assert.AreEqual(0, state.Handlers.Count);
    }

    [TestMethod]
    public void Reads_every_handler_of_a_folder_and_skips_register_and_status()
    {
        using var dir = new TempDirectory();
        dir.Write("status", "enabled\n");
        dir.Write("register", "");
        dir.Write("qemu-aarch64", DebianAarch64);
        dir.Write("qemu-s390x", DebianS390xDisabled);
        var state = BinfmtProbe.Read(dir.Path);
        Assert.IsTrue(state.Mounted);
        CollectionAssert.AreEqual(new[] { "qemu-aarch64", "qemu-s390x" }, state.Handlers.Select(h => h.Name).ToArray());
    }

    [TestMethod]
    public void The_machine_binfmt_misc_serves_what_the_set_up_enabled()
    {
        var state = BinfmtProbe.Read();
        if (!state.Mounted)
        {
            Assert.Inconclusive("binfmt_misc is not mounted on this machine; run eng/setup-host.sh");
        }

        var host = new HostCapabilities(T("linux-x64"), new NixHostInfo(new Version(2, 8), "nix", "x86_64-linux", []), state);
        Assert.IsNotNull(host.HandlerFor(T("aarch64-linux")), "eng/setup-host.sh enables qemu-aarch64");
        Assert.IsNotNull(host.HandlerFor(T("riscv64-linux")), "eng/setup-host.sh enables qemu-riscv64");
    }
}
