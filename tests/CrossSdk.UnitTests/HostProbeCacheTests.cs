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
        var cache = new HostProbeCache(Path.Combine(dir.Path, "obj"), nix);
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
    public async Task Builds_alternating_between_two_nix_executables_keep_both_answers()
    {
        using var dir = new TempDirectory();
        var system = dir.Write("usr/bin/nix", "#!/bin/sh\n# 2.8\n");
        var pinned = dir.Write("opt/nix/bin/nix", "#!/bin/sh\n# 2.18\n");
        var probes = 0;
        Task<NixHostInfo> Probe()
        {
            probes++;
            return Task.FromResult(Info);
        }

        foreach (var nix in new[] { system, pinned, system, pinned, system })
        {
            await new HostProbeCache(Path.Combine(dir.Path, "cache"), nix).GetAsync(Probe);
        }

        Assert.AreEqual(2, probes, "each nix is probed once; neither answer overwrites the other");
        Assert.AreEqual(2, Directory.GetFiles(Path.Combine(dir.Path, "cache"), HostProbeCache.FilePattern).Length);
    }

    [TestMethod]
    public async Task A_corrupt_cache_file_means_probing_again()
    {
        using var dir = new TempDirectory();
        var cache = new HostProbeCache(Path.Combine(dir.Path, "obj"), "nix");
        dir.Write(Path.GetRelativePath(dir.Path, cache.FileFor(cache.Key())), "{ not json");
        var probes = 0;
        await cache.GetAsync(() => { probes++; return Task.FromResult(Info); });
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
            var cache = new HostProbeCache(Path.Combine(dir.Path, "obj"), "nix");
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
