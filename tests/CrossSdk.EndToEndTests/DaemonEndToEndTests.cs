using CrossSdk.Doctor;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.EndToEnd;

/// <summary>
/// Nix as most users have it: an unprivileged user (crosssdk-test) runs dotnet, and a real
/// nix-daemon (root, building as the nixbld users, its own nix.conf and socket) builds. The daemon
/// ignores an untrusted user's extra-platforms; only its own nix.conf and trusted-users count.
/// </summary>
[TestClass]
[TestCategory("EndToEnd")]
public sealed class DaemonEndToEndTests
{
    private const string RefusalReason = "a test build showed that Nix (its daemon) will not build aarch64-linux, and it ignores extra-platforms from an untrusted user";

    [TestMethod]
    public async Task For_an_untrusted_user_auto_picks_cross_says_why_and_the_cross_build_succeeds()
    {
        await using var daemon = await NixDaemonFixture.StartAsync();
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.App, "-p:CrossTarget=aarch64-linux");

        Assert.AreEqual(0, build.ExitCode, build.All + daemon.Log);
        StringAssert.Contains(build.StandardOutput, $"aarch64-linux -> cross (pkgsCross.aarch64-multiplatform): emulation is not possible here: {RefusalReason}");
        await ElfAssert.IsForAsync(Path.Combine(user.Sample.AppOutput(), "runtimes", "linux-arm64", "native", "libgreet.so"), "aarch64-linux", "AArch64");
    }

    [TestMethod]
    public async Task The_users_NuGet_cache_obj_and_GC_roots_belong_to_the_user_and_the_daemon_keeps_the_outputs_alive()
    {
        await using var daemon = await NixDaemonFixture.StartAsync();
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=cross");

        Assert.AreEqual(0, build.ExitCode, build.All + daemon.Log);
        Assert.IsTrue(Directory.Exists(Path.Combine(user.NuGetPackages, "crosssdk")), "CrossSdk was restored into the user's own NuGet cache");
        var rootOwned = await user.OwnedByRootAsync();
        Assert.AreEqual(0, rootOwned.Count, "owned by root after the user's build:\n" + string.Join("\n", rootOwned));

        // Each out-link is the user's, and Nix (through the daemon) registered it as an indirect
        // root in /nix/var/nix/gcroots/auto: the garbage collector sees it and keeps its output.
        var links = Directory.GetFileSystemEntries(user.Sample.LibraryCross("gcroots"));
        Assert.IsTrue(links.Length >= 2, "out-links for at least the package and its toolchain: " + string.Join(", ", links));
        var registered = Directory.GetFileSystemEntries("/nix/var/nix/gcroots/auto").Select(e => new FileInfo(e).LinkTarget).ToHashSet();
        var gcRoots = await Processes.RunAsync("nix-store", ["--gc", "--print-roots"]);
        Assert.AreEqual(0, gcRoots.ExitCode, gcRoots.StandardError);
        foreach (var link in links)
        {
            var target = new FileInfo(link).LinkTarget;
            StringAssert.StartsWith(target, "/nix/store/", link);
            Assert.IsTrue(registered.Contains(link), $"{link} is not registered in /nix/var/nix/gcroots/auto");
            StringAssert.Contains(gcRoots.StandardOutput, $"{link} -> {target}");
        }

        var greet = links.Select(l => new FileInfo(l).LinkTarget!).First(t => t.Contains("greet", StringComparison.Ordinal));
        var delete = await Processes.RunAsync("nix-store", ["--delete", greet]);
        Assert.AreNotEqual(0, delete.ExitCode, "the garbage collector deleted a rooted output");
        StringAssert.Contains(delete.StandardError, "still alive");
    }

    [TestMethod]
    public async Task An_emulated_build_the_daemon_refuses_is_CROSS0014_with_the_fix_and_with_the_fix_Nix_accepts_the_system()
    {
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();
        string[] emulated = ["build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated"];

        await using (var daemon = await NixDaemonFixture.StartAsync())
        {
            var refused = await user.DotNetAsync(daemon, "daemon", emulated);

            FailureAssert.AssertFailsWith(
                refused,
                "CROSS0014",
                $"Nix will not build aarch64-linux: {RefusalReason}",
                "add 'extra-platforms = aarch64-linux' to /etc/nix/nix.conf",
                "With a Nix daemon, extra-platforms only counts in the daemon's nix.conf",
                "restart it after the change (systemctl restart nix-daemon)");
        }

        // The fix: the system in the daemon's own nix.conf.
        await using (var daemon = await NixDaemonFixture.StartAsync("extra-platforms = aarch64-linux"))
        {
            AssertNixBuiltTheSystem(await user.DotNetAsync(daemon, "daemon", emulated), daemon);
        }
    }

    [TestMethod]
    public async Task An_untrusted_users_emulated_build_succeeds_through_a_daemon_whose_nix_conf_lists_the_system()
    {
        // Building as root (no build users): the offline set's emulated builder enters a Debian
        // root, which a nixbld user may not (eng/nix-env.sh). Everything else is as above.
        await using var daemon = await NixDaemonFixture.StartAsync("extra-platforms = aarch64-linux\nbuild-users-group =");
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated", "-v:n");

        Assert.AreEqual(0, build.ExitCode, build.All + daemon.Log);
        StringAssert.Contains(build.StandardOutput, "CrossSdk: test build for aarch64-linux: Nix accepts it");
        StringAssert.Contains(build.StandardOutput, "aarch64-linux -> emulated (system aarch64-linux, under QEMU)");
        await ElfAssert.IsForAsync(Path.Combine(user.Sample.LibraryNative("linux-arm64"), "libgreet.so"), "aarch64-linux", "AArch64");
        var rootOwned = await user.OwnedByRootAsync();
        Assert.AreEqual(0, rootOwned.Count, "owned by root after the user's build:\n" + string.Join("\n", rootOwned));
    }

    [TestMethod]
    public async Task A_user_named_in_trusted_users_gets_extra_platforms_through_to_the_daemon()
    {
        await using var daemon = await NixDaemonFixture.StartAsync($"trusted-users = root {TestUser.Name}");
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated");

        AssertNixBuiltTheSystem(build, daemon);
    }

    [TestMethod]
    public async Task A_user_trusted_through_its_group_gets_extra_platforms_through_to_the_daemon()
    {
        var group = (await Processes.RunAsync("id", ["-gn", TestUser.Name])).StandardOutput.Trim();
        await using var daemon = await NixDaemonFixture.StartAsync($"trusted-users = root @{group}");
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var doctor = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-t:CrossDoctor", "-p:CrossTarget=aarch64-linux");
        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated");

        Assert.AreEqual(0, doctor.ExitCode, doctor.All);
        StringAssert.Contains(doctor.StandardOutput, "trusted: yes", $"@{group} in trusted-users counts for a member, as the daemon counts it");
        AssertNixBuiltTheSystem(build, daemon);
    }

    [TestMethod]
    public async Task A_user_the_daemon_trusts_where_the_client_cannot_see_it_gets_extra_platforms_through_the_test_build()
    {
        // trusted-users in the daemon's environment only (a service unit's Environment=): the
        // client's show-config says untrusted, and only the test build, asked with extra-platforms
        // as the build will be, shows that the daemon will build the system.
        await using var daemon = await NixDaemonFixture.StartAsync(daemonOnlySettings: $"trusted-users = root {TestUser.Name}");
        using var user = await UserWorkspace.CreateAsync();
        user.Sample.SaltSource();

        var build = await user.DotNetAsync(daemon, "daemon", "build", user.Sample.Library, "-p:CrossTarget=aarch64-linux", "-p:CrossStrategy=emulated", "-v:n");

        StringAssert.Contains(build.StandardOutput, "CrossSdk: test build for aarch64-linux: Nix accepts it", build.All);
        AssertNixBuiltTheSystem(build, daemon);
    }

    [TestMethod]
    public async Task CrossDoctor_shows_an_untrusted_user_the_refusal_and_a_trusted_user_the_cost_comparison()
    {
        using var user = await UserWorkspace.CreateAsync();
        string[] doctor = ["build", user.Sample.Library, "-t:CrossDoctor", "-p:CrossTarget=aarch64-linux", "-v:n"];

        // No NIX_REMOTE, as most installations have it: Nix finds the daemon by its socket.
        await using (var daemon = await NixDaemonFixture.StartAsync())
        {
            var untrusted = await user.DotNetAsync(daemon, null, doctor);

            Assert.AreEqual(0, untrusted.ExitCode, untrusted.All);
            var text = untrusted.StandardOutput;
            StringAssert.Contains(text, "trusted: no");
            StringAssert.Contains(text, "CrossSdk: test build for aarch64-linux: Nix refuses it");
            StringAssert.Contains(text, $"aarch64-linux -> cross (pkgsCross.aarch64-multiplatform): emulation is not possible here: {RefusalReason}");
            StringAssert.Contains(text, $"emulation: not possible: {RefusalReason}", "the target's emulation line tells what the test build showed, as its plan does");
            StringAssert.Contains(text, "Nix does not trust this user");
            StringAssert.Contains(text, "restart the daemon");
        }

        await using (var daemon = await NixDaemonFixture.StartAsync($"trusted-users = root {TestUser.Name}"))
        {
            var trusted = await user.DotNetAsync(daemon, null, doctor);

            Assert.AreEqual(0, trusted.ExitCode, trusted.All);
            var text = trusted.StandardOutput;
            StringAssert.Contains(text, "trusted: yes");
            // A cost comparison (or, when an earlier build left the cross outputs in the store, no comparison needed).
            StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"aarch64-linux -> cross \(pkgsCross\.aarch64-multiplatform\): (emulation would build|the cross build's outputs are all in the Nix store already)"));
            StringAssert.Matches(text, new System.Text.RegularExpressions.Regex(@"emulation: qemu-aarch64 \("));
            Assert.IsFalse(text.Contains("Nix does not trust this user", StringComparison.Ordinal), text);
            Assert.IsFalse(text.Contains("test build for", StringComparison.Ordinal), "a trusted user needs no test build");
        }
    }

    /// <summary>
    /// The daemon accepted aarch64-linux and QEMU ran the target's builder. The offline package
    /// set's emulated builder enters a Debian root (unshare, chroot: eng/nix-env.sh), which only
    /// root may; as a nixbld build user it stops at that first step, whose message only the
    /// aarch64 busybox, run by QEMU, can have printed. A refused system never gets that far.
    /// </summary>
    private static void AssertNixBuiltTheSystem(ProcessOutput build, NixDaemonFixture daemon)
    {
        Assert.IsFalse(build.StandardOutput.Contains("CROSS0014", StringComparison.Ordinal), build.All + daemon.Log);
        StringAssert.Contains(build.StandardOutput, "aarch64-linux -> emulated (system aarch64-linux, under QEMU)", build.All);
        StringAssert.Contains(build.StandardOutput, "unshare: unshare(0x20000): Operation not permitted", build.All);
    }
}
