using CrossSdk.Host;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class HostProbeCacheTests
{
    private static readonly NixHostInfo Info = new(new Version(2, 8, 0), "nix (Nix) 2.8.0", "x86_64-linux", ["i686-linux"])
    {
        Sandbox = "relaxed",
        TrustedUsers = ["root"],
        Trusted = true,
    };

    [TestMethod]
    public async Task A_second_build_reads_the_probe_from_obj_and_a_changed_nix_probes_again()
    {
        using var dir = new TempDirectory();
        var nix = dir.Write("bin/nix", "#!/bin/sh\n");
        var cache = new HostProbeCache(Path.Combine(dir.Path, "obj", "host-probe.json"), nix);
        var probes = 0;
        Task<NixHostInfo> Probe()
        {
            probes++;
            return Task.FromResult(Info);
        }

        var first = await cache.GetAsync(Probe);
        var second = await cache.GetAsync(Probe);

        Assert.AreEqual(1, probes, "the second build does not start nix to probe");
        Assert.AreEqual(Info.Version, second.Version);
        Assert.AreEqual(Info.System, second.System);
        CollectionAssert.AreEqual(Info.ExtraPlatforms.ToArray(), second.ExtraPlatforms.ToArray());
        Assert.AreEqual(Info.Trusted, second.Trusted);
        Assert.AreEqual(Info.Sandbox, second.Sandbox);
        Assert.AreEqual(first.VersionText, second.VersionText);

        File.WriteAllText(nix, "#!/bin/sh\n# upgraded\n");
        await cache.GetAsync(Probe);
        Assert.AreEqual(2, probes, "another nix executable is probed again");
    }

    [TestMethod]
    public async Task A_corrupt_cache_file_means_probing_again()
    {
        using var dir = new TempDirectory();
        var file = dir.Write("obj/host-probe.json", "{ not json");
        var probes = 0;
        await new HostProbeCache(file, "nix").GetAsync(() => { probes++; return Task.FromResult(Info); });
        Assert.AreEqual(1, probes);
    }

    [TestMethod]
    [DoNotParallelize] // sets NIX_CONF_DIR, which every probe cache key reads
    public async Task An_edit_to_a_file_nix_conf_includes_probes_again()
    {
        using var dir = new TempDirectory();
        dir.Write("conf/nix.conf", "!include nix.custom.conf\n");
        var custom = dir.Write("conf/nix.custom.conf", "trusted-users = root\n");
        var before = Environment.GetEnvironmentVariable("NIX_CONF_DIR");
        Environment.SetEnvironmentVariable("NIX_CONF_DIR", Path.Combine(dir.Path, "conf"));
        try
        {
            var cache = new HostProbeCache(Path.Combine(dir.Path, "obj", "host-probe.json"), "nix");
            var probes = 0;
            await cache.GetAsync(() => { probes++; return Task.FromResult(Info); });
            await cache.GetAsync(() => { probes++; return Task.FromResult(Info); });
            Assert.AreEqual(1, probes);

            File.WriteAllText(custom, "trusted-users = root alice\n");
            await cache.GetAsync(() => { probes++; return Task.FromResult(Info); });
            Assert.AreEqual(2, probes, "the included file is part of the key");
        }
        finally
        {
            Environment.SetEnvironmentVariable("NIX_CONF_DIR", before);
        }
    }
}
