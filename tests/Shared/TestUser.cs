namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// The unprivileged user the daemon tests build as (made by eng/setup-host.sh), and the set-up a
/// multi-user Nix needs. The tests run as root, as CI does, and switch to the user with runuser
/// and a clean environment, so nothing of root's (NUGET_PACKAGES, NIX_CONFIG, HOME) leaks in.
/// </summary>
public static class TestUser
{
    public const string Name = "crosssdk-test";

    public const string BuildGroup = "nixbld";

    /// <summary>Fails (never skips: CI must not pass without these tests) naming the missing set-up step.</summary>
    public static async Task RequireSetUpAsync()
    {
        var id = await Processes.RunAsync("id", ["-u"]);
        if (id.StandardOutput.Trim() != "0")
        {
            Assert.Fail("The daemon tests must run as root (as CI does): they start nix-daemon and switch to the test user with runuser.");
        }

        if ((await Processes.RunAsync("getent", ["group", BuildGroup])).ExitCode != 0)
        {
            Assert.Fail($"The '{BuildGroup}' group is missing: run eng/setup-host.sh (it runs: groupadd -r {BuildGroup}).");
        }

        for (var i = 1; i <= 4; i++)
        {
            var user = (await Processes.RunAsync("getent", ["passwd", $"{BuildGroup}{i}"])).StandardOutput;
            var groups = (await Processes.RunAsync("id", ["-nG", $"{BuildGroup}{i}"])).StandardOutput.Split(' ', StringSplitOptions.TrimEntries);
            if (user.Length == 0 || !groups.Contains(BuildGroup))
            {
                Assert.Fail($"The build user {BuildGroup}{i} is missing or not in '{BuildGroup}': run eng/setup-host.sh " +
                    $"(it runs: useradd -r -g {BuildGroup} -G {BuildGroup} -M -d /var/empty -s /usr/sbin/nologin {BuildGroup}{i}).");
            }
        }

        if ((await Processes.RunAsync("getent", ["passwd", Name])).ExitCode != 0)
        {
            Assert.Fail($"The unprivileged test user '{Name}' is missing: run eng/setup-host.sh (it runs: useradd -m {Name}).");
        }
    }

    /// <summary>Gives <paramref name="folder"/> and everything in it to the user, and checks the user can reach it.</summary>
    public static async Task GiveAsync(string folder)
    {
        var chown = await Processes.RunAsync("chown", ["-R", $"{Name}:{Name}", folder]);
        Assert.AreEqual(0, chown.ExitCode, chown.StandardError);
        MakeReachable(folder);
    }

    /// <summary>Opens <paramref name="folder"/> to others (755) and checks every folder above it lets them through.</summary>
    public static void MakeReachable(string folder)
    {
        File.SetUnixFileMode(folder, (UnixFileMode)0b111_101_101);
        for (var dir = Directory.GetParent(folder); dir is not null; dir = dir.Parent)
        {
            if (!File.GetUnixFileMode(dir.FullName).HasFlag(UnixFileMode.OtherExecute))
            {
                Assert.Fail($"{dir.FullName} does not let other users through (mode {File.GetUnixFileMode(dir.FullName)}), so {Name} cannot reach {folder}. Run the tests with a TMPDIR whose parents are 755.");
            }
        }
    }

    /// <summary>
    /// Runs a command as the user, in a clean environment: its own HOME, PATH and the given
    /// variables only (runuser -u USER -- env -i ...).
    /// </summary>
    public static Task<ProcessOutput> RunAsync(string workingDirectory, string home, IReadOnlyDictionary<string, string> environment, string executable, IEnumerable<string> arguments)
    {
        var env = new Dictionary<string, string>
        {
            ["HOME"] = home,
            ["USER"] = Name,
            ["LOGNAME"] = Name,
            ["PATH"] = "/usr/local/bin:/usr/bin:/bin",
        };
        foreach (var (key, value) in environment)
        {
            env[key] = value;
        }

        return Processes.RunAsync(
            "runuser",
            ["-u", Name, "--", "env", "-i", .. env.Select(e => $"{e.Key}={e.Value}"), executable, .. arguments],
            workingDirectory,
            timeout: TimeSpan.FromMinutes(10));
    }
}
