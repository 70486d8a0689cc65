using CrossSdk.Artifacts;
using CrossSdk.Diagnostics;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class PortabilityTests
{
    [TestMethod]
    [DataRow("libc.so.6", true)]
    [DataRow("libm.so.6", true)]
    [DataRow("libpthread.so.0", true)]
    [DataRow("ld-linux-aarch64.so.1", true)]
    [DataRow("libc.musl-x86_64.so.1", true)]
    [DataRow("libz.so.1", false)]
    [DataRow("libstdc++.so.6", false)]
    [DataRow("libgcc_s.so.1", false)]
    public void Knows_the_C_runtime(string soname, bool isRuntime) =>
        Assert.AreEqual(isRuntime, Portability.IsCRuntime(soname));

    [TestMethod]
    public void Every_glibc_and_musl_target_has_a_standard_interpreter()
    {
        foreach (var target in PlatformCatalog.All.Where(t => !t.IsWindows && !(t.IsMusl && t.NixSystem is "armv7l-linux" or "s390x-linux" or "loongarch64-linux")))
        {
            StringAssert.StartsWith(Portability.StandardInterpreter(target), "/lib");
        }
    }

    [TestMethod]
    public void Settings_are_parsed_or_CROSS0020()
    {
        Assert.AreEqual(PortabilityMode.Rewrite, Portability.ParseMode(""));
        Assert.AreEqual(PortabilityMode.Check, Portability.ParseMode("Check"));
        Assert.AreEqual(new Version(2, 28), Portability.ParseFloor("2.28"));
        Assert.IsNull(Portability.ParseFloor(" "));
        Assert.AreEqual(DiagnosticCodes.InvalidPortability, Assert.ThrowsExactly<CrossException>(() => Portability.ParseMode("fix")).Code);
        Assert.AreEqual(DiagnosticCodes.InvalidPortability, Assert.ThrowsExactly<CrossException>(() => Portability.ParseFloor("new")).Code);
    }

    [TestMethod]
    public void Nix_trusts_a_local_store_or_a_listed_user()
    {
        Assert.IsTrue(CrossSdk.Host.NixHostProbe.IsTrusted([], "me", [], localStore: true));
        Assert.IsTrue(CrossSdk.Host.NixHostProbe.IsTrusted(["root", "me"], "me", [], localStore: false));
        Assert.IsTrue(CrossSdk.Host.NixHostProbe.IsTrusted(["*"], "me", [], localStore: false));
        Assert.IsFalse(CrossSdk.Host.NixHostProbe.IsTrusted(["root", "@wheel"], "me", ["me", "users"], localStore: false));
        Assert.IsTrue(CrossSdk.Host.NixHostProbe.IsTrusted(["root", "@wheel"], "me", ["me", "wheel"], localStore: false));
    }
}
