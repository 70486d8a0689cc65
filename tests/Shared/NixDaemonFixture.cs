using System.Text;
using CliWrap;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A real nix-daemon of the test's own, as a multi-user installation runs it: root, building with
/// the nixbld build users, reading its own nix.conf (NIX_CONF_DIR) and listening on a private
/// socket (NIX_DAEMON_SOCKET_PATH, read by Nix 2.8 in daemon and client alike), so the machine's
/// /nix/var/nix/daemon-socket/socket is never touched. It shares the machine's /nix/store.
/// Disposing it stops exactly the process group it started, also when the test failed.
/// </summary>
public sealed class NixDaemonFixture : IAsyncDisposable
{
    /// <summary>The settings every test daemon has: build users, no binary cache, the offline set's sandbox paths.</summary>
    public const string BaseSettings = """
        build-users-group = nixbld
        substituters =
        sandbox = relaxed
        extra-sandbox-paths = /bin /usr /lib /lib64 /etc/alternatives
        """;

    private readonly TempDirectory folder;
    private readonly StringBuilder log;
    private readonly CommandTask<CommandResult> process;

    private NixDaemonFixture(TempDirectory folder, StringBuilder log, CommandTask<CommandResult> process)
    {
        this.folder = folder;
        this.log = log;
        this.process = process;
    }

    /// <summary>The folder with the daemon's nix.conf; clients read the same, as they read /etc/nix on a real machine.</summary>
    public string ConfDirectory => Path.Combine(folder.Path, "conf");

    public string SocketPath => Path.Combine(folder.Path, "socket");

    /// <summary>What the daemon printed (its own stderr), for failure messages.</summary>
    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    /// <summary>
    /// Starts a daemon with <see cref="BaseSettings"/> and <paramref name="settings"/> (nix.conf
    /// lines, which clients read too), and waits until it listens. <paramref name="daemonOnlySettings"/>
    /// go to the daemon's own NIX_CONFIG, as a service unit's Environment= would: clients cannot see them.
    /// With <paramref name="privateStore"/> (a folder holding store/ and var/nix/), the daemon runs
    /// in a mount namespace of its own where that folder is /nix: a second machine's store, as a
    /// remote builder needs (building into the same store as its client deadlocks on the output
    /// locks). NIX_REMOTE=local: with an empty state folder, `auto` would connect the daemon to
    /// its own socket, and each connection would open another.
    /// </summary>
    public static async Task<NixDaemonFixture> StartAsync(string settings = "", string? daemonOnlySettings = null, string? privateStore = null)
    {
        await TestUser.RequireSetUpAsync();
        var folder = new TempDirectory("daemon-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(Path.Combine(folder.Path, "conf"));
        File.WriteAllText(Path.Combine(folder.Path, "conf", "nix.conf"), BaseSettings + "\n" + settings + "\n");
        TestUser.MakeReachable(folder.Path);

        // env -i: nothing of the test run's own Nix settings (NIX_CONFIG: no build users) may reach
        // the daemon. setsid (which execs, as its caller leads no group) makes the daemon lead a
        // process group of its own: its per-connection children are in it, and only it is stopped.
        var log = new StringBuilder();
        var process = Cli.Wrap("env")
            .WithArguments(
            [
                "-i", "PATH=/usr/sbin:/usr/bin:/sbin:/bin",
                $"NIX_CONF_DIR={Path.Combine(folder.Path, "conf")}",
                $"NIX_DAEMON_SOCKET_PATH={Path.Combine(folder.Path, "socket")}",
                .. daemonOnlySettings is null ? Array.Empty<string>() : [$"NIX_CONFIG={daemonOnlySettings}"],
                .. privateStore is null
                    ? new[] { "setsid", "nix-daemon" }
                    : ["NIX_REMOTE=local", "setsid", "unshare", "-m", "--propagation", "private", "sh", "-c", "mount --bind \"$1\" /nix && exec nix-daemon", "sh", privateStore],
            ])
            .WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
            {
                lock (log)
                {
                    log.AppendLine(line);
                }
            }))
            .ExecuteAsync();
        var daemon = new NixDaemonFixture(folder, log, process);
        try
        {
            await daemon.WaitUntilListeningAsync();
        }
        catch
        {
            await daemon.DisposeAsync();
            throw;
        }

        return daemon;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.Task.IsCompleted && IsOurDaemon())
        {
            // The whole group: the daemon and the connection processes it forked.
            await Processes.RunAsync("kill", ["-TERM", "--", $"-{process.ProcessId}"]);
            if (await Task.WhenAny(process.Task, Task.Delay(TimeSpan.FromSeconds(20))) != process.Task)
            {
                await Processes.RunAsync("kill", ["-KILL", "--", $"-{process.ProcessId}"]);
            }
        }

        try
        {
            await process;
        }
        catch (OperationCanceledException)
        {
        }

        folder.Dispose();
    }

    private async Task WaitUntilListeningAsync()
    {
        // Readiness, not a timed assertion: the socket appears once the daemon has bound it.
        for (var i = 0; i < 300 && !File.Exists(SocketPath); i++)
        {
            if (process.Task.IsCompleted)
            {
                Assert.Fail($"nix-daemon exited with code {(await process).ExitCode} before listening on {SocketPath}:\n{Log}");
            }

            await Task.Delay(100);
        }

        Assert.IsTrue(File.Exists(SocketPath), $"nix-daemon did not create its socket {SocketPath} within 30 s:\n{Log}");
        Assert.IsTrue(IsOurDaemon(), $"process {process.ProcessId} is not a nix-daemon leading its own process group; refusing to manage it");
    }

    /// <summary>The started process is nix-daemon and leads its own group (so a group kill reaches nothing else).</summary>
    private bool IsOurDaemon()
    {
        var pid = process.ProcessId;
        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return comm == "nix-daemon" && fields[2] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }
}
