using CrossSdk.Caches;
using CrossSdk.Diagnostics;
using CrossSdk.Host;
using CrossSdk.Nix.Commands;
using CrossSdk.Planning;
using CrossSdk.Planning.Choice;
using CrossSdk.Platforms;
using CrossSdk.Tools;

namespace CrossSdk.Tests.Unit;

/// <summary>Caches and remote builders as the planner and the checks see them: Nix's builders syntax, trust, costs, reasons.</summary>
[TestClass]
public sealed class ScaleOutTests
{
    private static TargetPlatform T(string spelling) => PlatformCatalog.Resolve(spelling, "t");

    private static BuilderMachine Remote(string line) => BuilderList.Parse(line).Single();

    [TestMethod]
    public void A_builders_value_is_read_as_Nix_reads_it_lines_semicolons_comments_and_machines_files()
    {
        var files = new Dictionary<string, string>
        {
            ["/etc/nix/machines"] = "# team builders\nssh://builder@arm1 aarch64-linux,armv7l-linux /k 4 2 big-parallel,kvm\n\nssh-ng://riscv - - 1\n",
        };
        var builders = BuilderList.Parse("ssh://a x86_64-linux ; @/etc/nix/machines; @/missing", p => files.GetValueOrDefault(p));

        Assert.AreEqual(3, builders.Count);
        Assert.AreEqual("ssh://builder@arm1", builders[1].Uri);
        CollectionAssert.AreEqual(new[] { "aarch64-linux", "armv7l-linux" }, builders[1].Systems.ToArray());
        Assert.IsTrue(builders[1].Supports("big-parallel"));
        Assert.IsFalse(builders[2].SystemsGiven, "'-' is no system: Nix takes its own");
        Assert.AreEqual("ssh://host", Remote("host aarch64-linux").StoreUri, "a bare host is an ssh:// builder");
    }

    [TestMethod]
    public void A_builder_serving_the_target_natively_makes_the_emulated_candidate_cost_1x_and_says_where()
    {
        var remote = Remote("ssh://builder@localhost:2222 aarch64-linux /k 2 1 big-parallel");

        var plan = Planner.Decide(T("aarch64-linux"), new(3, 0), new(3, 0), 16, remote);
        var without = Planner.Decide(T("aarch64-linux"), new(3, 0), new(3, 0), 16);

        Assert.AreEqual(Strategy.Emulated, plan.Strategy, "1x, and a tie goes to the remote native build");
        StringAssert.StartsWith(plan.Reason, "built natively on ssh://builder@localhost:2222");
        Assert.AreEqual(Strategy.Cross, without.Strategy, "without the builder, 16x under QEMU");
        Assert.AreEqual(Strategy.Cross, Planner.Decide(T("aarch64-linux"), new(1, 0), new(3, 0), 16, remote).Strategy, "fewer derivations with cross still win");
    }

    [TestMethod]
    public void Outputs_all_in_a_cache_make_auto_choose_the_fetched_plan_and_name_the_cache()
    {
        var plan = Planner.Decide(T("aarch64-linux"), new(0, 2), new(3, 0), 16, caches: ["file:///srv/cache"]);

        Assert.AreEqual(Strategy.Cross, plan.Strategy);
        StringAssert.StartsWith(plan.Reason, "fetched from file:///srv/cache, nothing to build");
        var emulated = Planner.Decide(T("aarch64-linux"), new(3, 0), new(0, 4), 16, caches: ["https://cache.example"]);
        Assert.AreEqual(Strategy.Emulated, emulated.Strategy);
        StringAssert.StartsWith(emulated.Reason, "fetched from https://cache.example");
    }

    [TestMethod]
    public void A_remote_builder_makes_emulated_builds_possible_without_a_local_emulator()
    {
        var host = HostCapabilitiesTests.Host(trusted: true, mounted: false) with { Builders = [Remote("ssh://b riscv64-linux - 1 1 big-parallel")] };

        Assert.IsNull(Planner.Plan(T("riscv64-linux"), Strategy.Auto, host), "auto compares it");
        StringAssert.Contains(Planner.Plan(T("riscv64-linux"), Strategy.Emulated, host)!.Reason, "built natively on ssh://b");
        Assert.AreEqual(Strategy.Cross, Planner.Plan(T("aarch64-linux"), Strategy.Auto, host)!.Strategy, "a builder for another system changes nothing");
    }

    [TestMethod]
    public void A_builder_that_did_not_answer_is_not_planned_with_so_auto_and_emulated_plan_as_without_it()
    {
        var builder = Remote("ssh://dead riscv64-linux - 1 1 big-parallel");
        var alive = HostCapabilitiesTests.Host(trusted: true, mounted: false) with { Builders = [builder] };
        var dead = alive with { UnansweredBuilders = new Dictionary<string, string> { ["ssh://dead"] = "Connection refused" } };

        Assert.AreSame(builder, alive.RemoteBuilderFor(T("riscv64-linux")));
        Assert.IsNull(dead.RemoteBuilderFor(T("riscv64-linux")));
        var auto = Planner.Plan(T("riscv64-linux"), Strategy.Auto, dead);
        Assert.AreEqual(Strategy.Cross, auto!.Strategy, "no emulator here and no builder: cross, not 'built natively on ssh://dead'");
        Assert.IsFalse(auto.Reason.Contains("ssh://dead", StringComparison.Ordinal), auto.Reason);
        Assert.AreEqual(DiagnosticCodes.NoEmulator, Assert.ThrowsExactly<CrossException>(() => Planner.Plan(T("riscv64-linux"), Strategy.Emulated, dead)).Code);
    }

    [TestMethod]
    public void Only_builders_that_could_take_a_foreign_targets_toolchain_are_asked_whether_they_answer()
    {
        var builders = new[] { Remote("ssh://a aarch64-linux - 1 1 big-parallel"), Remote("ssh://b aarch64-linux - 1 1 kvm"), Remote("ssh://c x86_64-linux - 1 1 big-parallel") };

        CollectionAssert.AreEqual(new[] { "ssh://a" }, BuilderCheck.Relevant(builders, ["aarch64-linux"]).Select(b => b.Uri).ToArray());
        Assert.AreEqual(0, BuilderCheck.Relevant(builders, []).Count());
    }

    [TestMethod]
    public async Task A_builders_answer_is_kept_for_a_while_so_the_next_build_does_not_ask_again()
    {
        using var dir = new Infrastructure.TempDirectory();
        var nix = new PingingNix(answers: false);
        var clock = new ManualClock();
        var cache = Path.Combine(dir.Path, BuilderCheck.CacheFileName);
        var builder = Remote("ssh://dead aarch64-linux - 1 1 big-parallel");

        var first = await new BuilderCheck(new StorePing(nix), cache, "host-1", clock).CheckAsync(builder, [], CancellationToken.None);
        clock.Now += BuilderCheck.Lifetime / 2;
        var second = await new BuilderCheck(new StorePing(nix), cache, "host-1", clock).CheckAsync(builder, [], CancellationToken.None);
        var otherHost = await new BuilderCheck(new StorePing(nix), cache, "host-2", clock).CheckAsync(builder, [], CancellationToken.None);
        clock.Now += BuilderCheck.Lifetime;
        var later = await new BuilderCheck(new StorePing(nix), cache, "host-1", clock).CheckAsync(builder, [], CancellationToken.None);

        StringAssert.Contains(first, "Connection refused");
        StringAssert.Contains(second, "Connection refused");
        StringAssert.Contains(second, "asked at");
        Assert.IsNotNull(otherHost);
        Assert.IsNotNull(later);
        Assert.AreEqual(3, nix.Pings, "asked first, again for another host key, and again once the answer was too old; not in between");
        CollectionAssert.AreEqual(new[] { "store", "ping", "--store", "ssh://dead" }, nix.LastArguments.SkipWhile(a => a != "store").Take(4).ToArray());
    }

    [TestMethod]
    public async Task A_builder_that_does_not_answer_in_time_is_taken_as_down_and_its_ping_is_stopped()
    {
        using var dir = new Infrastructure.TempDirectory();
        var nix = new PingingNix(answers: false, hangs: true);

        var reason = await new BuilderCheck(new StorePing(nix), Path.Combine(dir.Path, BuilderCheck.CacheFileName), "h", timeout: TimeSpan.FromMilliseconds(50))
            .CheckAsync(Remote("ssh://blackhole aarch64-linux - 1 1 big-parallel"), [], CancellationToken.None);

        Assert.AreEqual("no answer within 0.05 s", reason);
    }

    /// <summary>A nix whose `store ping` answers, fails as ssh does for a closed port, or hangs until cancelled.</summary>
    private sealed class PingingNix(bool answers, bool hangs = false) : Tools.IToolRunner
    {
        public int Pings { get; private set; }

        public IReadOnlyList<string> LastArguments { get; private set; } = [];

        public async Task<Tools.NixProcessResult> RunAsync(IReadOnlyList<string> arguments, Action<string>? onStandardErrorLine, CancellationToken cancellation)
        {
            Pings++;
            LastArguments = arguments;
            if (hangs)
            {
                await Task.Delay(Timeout.Infinite, cancellation);
            }

            if (answers)
            {
                return new Tools.NixProcessResult(0, "");
            }

            onStandardErrorLine?.Invoke("error: cannot connect to 'dead': ssh: connect to host 127.0.0.1 port 1: Connection refused");
            return new Tools.NixProcessResult(1, "");
        }
    }

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => Now;
    }

    [TestMethod]
    public void A_builder_without_big_parallel_is_not_planned_with_and_a_warning_says_why()
    {
        var builder = Remote("ssh://b aarch64-linux - 1 1 kvm");
        var host = HostCapabilitiesTests.Debian() with { Builders = [builder] };

        Assert.IsNull(host.RemoteBuilderFor(T("aarch64-linux")));
        var findings = ScaleOutCheck.Check(host.Nix, [], [], null, [builder], ["aarch64-linux"]);
        Assert.AreEqual(DiagnosticCodes.BuilderUnusable, findings.Single().Code);
        StringAssert.Contains(findings.Single().Message, "lacks the 'big-parallel' feature");
    }

    [TestMethod]
    public void A_builder_line_without_the_targets_system_gets_a_warning_naming_the_system()
    {
        var findings = ScaleOutCheck.Check(HostCapabilitiesTests.Debian().Nix, [], [], null, [Remote("ssh://b x86_64-linux - 1 1 big-parallel"), Remote("ssh://c")], ["riscv64-linux"]);

        Assert.AreEqual(2, findings.Count);
        StringAssert.Contains(findings[0].Message, "lists the systems x86_64-linux, not riscv64-linux");
        StringAssert.Contains(findings[1].Message, "names no system");
    }

    [TestMethod]
    public void An_untrusted_user_is_told_what_the_daemon_ignores_and_what_to_put_in_its_nix_conf()
    {
        var nix = HostCapabilitiesTests.Debian(trusted: false).Nix with { TrustedSubstituters = ["https://allowed"], TrustedPublicKeys = ["known:AAAA"] };

        var findings = ScaleOutCheck.Check(nix, ["https://allowed", "file:///srv/cache"], ["known:AAAA", "team-1:BBBB"], "ssh://b aarch64-linux", [], []);

        Assert.AreEqual(DiagnosticCodes.CacheIgnoredUntrusted, findings[0].Code);
        StringAssert.Contains(findings[0].Message, "'trusted-substituters = file:///srv/cache' and 'extra-trusted-public-keys = team-1:BBBB'");
        Assert.IsFalse(findings[0].Message.Contains("https://allowed", StringComparison.Ordinal), "a trusted substituter is taken");
        Assert.AreEqual(DiagnosticCodes.BuildersIgnoredUntrusted, findings[1].Code);
        StringAssert.Contains(findings[1].Message, "'builders = ssh://b aarch64-linux'");
        Assert.AreEqual(0, ScaleOutCheck.Check(nix with { Trusted = true }, ["file:///srv/cache"], ["team-1:BBBB"], "ssh://b aarch64-linux", [], []).Count, "a trusted user's settings are taken");
    }

    [TestMethod]
    public void Caches_and_builders_become_extra_options_that_Nix_2_8_has()
    {
        CollectionAssert.AreEqual(
            new[] { "--option", "extra-substituters", "file:///a https://b", "--option", "extra-trusted-public-keys", "k-1:AA k-2:BB", "--builders", "ssh://x aarch64-linux" },
            NixCommandLine.ScaleOut(["file:///a", "https://b"], ["k-1:AA", "k-2:BB"], " ssh://x aarch64-linux ").ToArray());
        Assert.AreEqual(0, NixCommandLine.ScaleOut([], [], null).Count);
    }

    [TestMethod]
    [DataRow("ftp://host/cache")]
    [DataRow("/srv/cache")]
    [DataRow("file:///srv/cache?secret-key=/k")]
    public void An_upload_URL_Nix_cannot_push_to_is_a_coded_error(string url) =>
        Assert.AreEqual(DiagnosticCodes.InvalidCacheUpload, Assert.ThrowsExactly<CrossException>(() => CacheTarget.Parse(url, null)).Code);

    [TestMethod]
    public void A_binary_cache_signs_with_its_secret_key_parameter_and_an_ssh_store_does_not()
    {
        var key = Path.GetTempFileName();
        try
        {
            Assert.AreEqual("file:///srv/c?secret-key=" + Uri.EscapeDataString(key), CacheTarget.Parse("file:///srv/c", key)!.CopyUrl);
            Assert.AreEqual("s3://b?region=x&secret-key=" + Uri.EscapeDataString(key), CacheTarget.Parse("s3://b?region=x", key)!.CopyUrl);
            Assert.AreEqual("ssh-ng://h", CacheTarget.Parse("ssh-ng://h", key)!.CopyUrl);
            Assert.IsFalse(CacheTarget.Parse("ssh://h", key)!.IsBinaryCache);
            Assert.AreEqual(DiagnosticCodes.SigningKeyUnreadable, Assert.ThrowsExactly<CrossException>(() => CacheTarget.Parse("file:///c", key + ".missing")).Code);
        }
        finally
        {
            File.Delete(key);
        }
    }

    [TestMethod]
    public void NAR_sizes_are_read_from_path_info_in_the_2_8_list_and_the_2_19_object_form()
    {
        Assert.AreEqual(42L, CachePusher.ParseNarSizes("""[{"path":"/nix/store/a-x","narSize":42,"references":[]}]""")["/nix/store/a-x"]);
        Assert.AreEqual(7L, CachePusher.ParseNarSizes("""{"/nix/store/b-y":{"narSize":7}}""")["/nix/store/b-y"]);
    }
}
