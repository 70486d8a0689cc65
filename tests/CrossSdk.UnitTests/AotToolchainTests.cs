using CrossSdk.Aot;
using CrossSdk.Platforms;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
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

}
