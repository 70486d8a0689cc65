using CrossSdk.Doctor;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// A remote builder for real: sshd on localhost, a key-only builder account whose Nix has a store
/// of its own, `CrossBuilders` naming it for aarch64-linux with big-parallel, and `--max-jobs 0`
/// locally, so nothing can be built here: the aarch64 derivation is built there and copied back,
/// and `auto` plans it as a native build on the builder.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class RemoteBuilderEndToEndTests
{
    private const string Builders = $"{RemoteBuilderFixture.Uri} aarch64-linux - 2 1 big-parallel";

    [TestMethod]
    public async Task An_aarch64_package_is_built_on_the_remote_builder_that_auto_plans_as_native_there()
    {
        await using var builder = await RemoteBuilderFixture.StartAsync();
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();

        var plain = await DotNet.RunAsync(sample.Root, "build", sample.Library, "-t:CrossPlan", "-p:CrossTarget=aarch64-linux");
        Assert.AreEqual(0, plain.ExitCode, plain.All);
        StringAssert.Contains(plain.StandardOutput, "\"strategy\": \"cross\"", "without the builder, QEMU's 16x makes cross cheaper");

        var build = await DotNet.RunAsync(sample.Root, builder.ClientEnvironment,
            "build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossBuilders={Builders}", "-p:CrossNixOptions=--max-jobs 0", "-p:CrossPortability=off", "-v:d");

        Assert.AreEqual(0, build.ExitCode, build.All + "\n" + builder.Log);
        StringAssert.Contains(build.StandardOutput, $"aarch64-linux -> emulated (system aarch64-linux, under QEMU): built natively on {RemoteBuilderFixture.Uri}");
        StringAssert.Matches(build.StandardOutput, new System.Text.RegularExpressions.Regex(@"nix: building '/nix/store/[a-z0-9]{32}-greet-1\.0\.0\.drv' on '" + RemoteBuilderFixture.Uri + "'"), "Nix's log names the builder");
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        Assert.IsTrue(Directory.GetDirectories(builder.Store, "*-greet-1.0.0").Length > 0, "the output was built in the builder's own store");
    }

    [TestMethod]
    public async Task A_builder_nothing_listens_on_is_ruled_out_with_CROSS0076_and_asked_once_not_by_every_build()
    {
        using var sample = await SampleWorkspace.CreateAsync();
        sample.SaltSource();
        // A localhost port nothing listens on: ssh is refused at once, and nothing leaves the machine.
        var port = ClosedPort();
        var environment = new Dictionary<string, string?> { ["NIX_SSHOPTS"] = $"-o Port={port} -o BatchMode=yes -o ConnectTimeout=5" };
        const string Dead = "ssh://crosssdk-dead@127.0.0.1";
        string[] arguments = ["build", sample.Library, "-p:CrossTarget=aarch64-linux", $"-p:CrossBuilders={Dead} aarch64-linux - 2 1 big-parallel", $"-p:CrossNixExecutable={sample.RecordingNix}"];

        var build = await DotNet.RunAsync(sample.Root, environment, arguments);

        Assert.AreEqual(0, build.ExitCode, build.All);
        StringAssert.Contains(build.StandardOutput, $"warning {Diagnostics.DiagnosticCodes.BuilderNotAnswering}: the remote builder {Dead} did not answer");
        StringAssert.Contains(build.StandardOutput, "so CrossSdk does not plan aarch64-linux with it");
        Assert.IsFalse(build.StandardOutput.Contains("built natively on", StringComparison.Ordinal), build.StandardOutput);
        StringAssert.Contains(build.StandardOutput, "aarch64-linux -> cross (pkgsCross.aarch64-multiplatform)");
        await ElfAssert.IsForAsync(Path.Combine(sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        Assert.AreEqual(1, Pings(sample), "asked once");

        // The next build after an edit keeps the answer: no second ping, the same warning and plan.
        sample.SaltSource();
        var again = await DotNet.RunAsync(sample.Root, environment, arguments);

        Assert.AreEqual(0, again.ExitCode, again.All);
        StringAssert.Contains(again.StandardOutput, $"warning {Diagnostics.DiagnosticCodes.BuilderNotAnswering}: the remote builder {Dead} did not answer");
        Assert.IsFalse(again.StandardOutput.Contains("built natively on", StringComparison.Ordinal), again.StandardOutput);
        Assert.AreEqual(1, Pings(sample), "the answer was kept in obj/cross/builder-answers.json");
    }

    private static int Pings(SampleWorkspace sample) =>
        File.Exists(sample.NixCallLog) ? File.ReadAllLines(sample.NixCallLog).Count(l => l.Contains("store ping", StringComparison.Ordinal)) : 0;

    private static int ClosedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    [TestMethod]
    public async Task CrossDoctor_lists_each_builder_with_its_systems_and_features_and_each_cache_and_whether_they_answer()
    {
        await using var builder = await RemoteBuilderFixture.StartAsync();
        using var cache = await BinaryCacheFixture.CreateAsync();
        Directory.CreateDirectory(cache.CacheDirectory);
        File.WriteAllText(Path.Combine(cache.CacheDirectory, "nix-cache-info"), "StoreDir: /nix/store\n");
        using var sample = await SampleWorkspace.CreateAsync();

        var doctor = await DotNet.RunAsync(sample.Root, builder.ClientEnvironment,
            "build", sample.Library, "-t:CrossDoctor", "-p:CrossTarget=aarch64-linux", $"-p:CrossSubstituters={cache.Url}",
            $"-p:CrossBuilders=\"{Builders};ssh://{RemoteBuilderFixture.ClosedAlias} aarch64-linux - 1 1 big-parallel;ssh://{RemoteBuilderFixture.Alias} riscv64-linux - 1 1\"");

        Assert.AreEqual(0, doctor.ExitCode, doctor.All + "\n" + builder.Log);
        StringAssert.Contains(doctor.StandardOutput, $"{RemoteBuilderFixture.Uri}  systems aarch64-linux; features big-parallel; answers");
        StringAssert.Contains(doctor.StandardOutput, $"ssh://{RemoteBuilderFixture.ClosedAlias}  systems aarch64-linux; features big-parallel; does not answer");
        StringAssert.Contains(doctor.StandardOutput, $"{cache.Url}  answers");
        StringAssert.Contains(doctor.StandardOutput, "CROSS0075");
        StringAssert.Contains(doctor.StandardOutput, "lists the systems riscv64-linux, not aarch64-linux");
    }
}
