using System.Net;
using System.Net.Sockets;
using System.Text;
using CliWrap;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A Nix remote builder on localhost, as a second machine would be: Debian's sshd, started on a
/// free 127.0.0.1 port with its own config and host key in a temp folder, lets the builder
/// account (crosssdk-builder, made by eng/setup-host.sh) in with a key only, and forces its
/// command: `nix-store --serve --write` against a nix-daemon of the test's own whose /nix is a
/// store of its own (<see cref="NixDaemonFixture"/>, privateStore). The serving process sees that
/// store as /nix too, in a user and mount namespace of its own (no privilege needed). Clients
/// reach it as ssh://crosssdk-builder with NIX_SSHOPTS="-F <see cref="SshConfig"/>". Disposing
/// stops sshd (its process group) and the daemon, and nothing else.
/// </summary>
public sealed class RemoteBuilderFixture : IAsyncDisposable
{
    public const string Account = "crosssdk-builder";

    /// <summary>The ssh Host alias clients use: the port, key and known-hosts file are in <see cref="SshConfig"/>.</summary>
    public const string Alias = "crosssdk-builder";

    /// <summary>An ssh Host alias for a localhost port nothing listens on: a builder that does not answer, with no traffic off the machine.</summary>
    public const string ClosedAlias = "crosssdk-closed";

    private readonly TempDirectory folder;
    private readonly NixDaemonFixture daemon;
    private readonly CommandTask<CommandResult> sshd;
    private readonly StringBuilder log;

    private RemoteBuilderFixture(TempDirectory folder, NixDaemonFixture daemon, CommandTask<CommandResult> sshd, StringBuilder log)
    {
        this.folder = folder;
        this.daemon = daemon;
        this.sshd = sshd;
        this.log = log;
    }

    public const string Uri = "ssh://" + Alias;

    public string SshConfig => Path.Combine(folder.Path, "ssh_config");

    /// <summary>The builder's store, as a folder on this machine (its /nix/store).</summary>
    public string Store => Path.Combine(folder.Path, "remote", "nix", "store");

    /// <summary>The environment a client needs: ssh reads the alias's port and key from the config.</summary>
    public IReadOnlyDictionary<string, string?> ClientEnvironment => new Dictionary<string, string?> { ["NIX_SSHOPTS"] = $"-F {SshConfig}" };

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString() + "\n--- builder's nix-daemon ---\n" + daemon.Log;
            }
        }
    }

    /// <param name="systems">What the builder's Nix builds (its extra-platforms; it runs foreign code through this machine's binfmt_misc).</param>
    public static async Task<RemoteBuilderFixture> StartAsync(string systems = "aarch64-linux")
    {
        await TestUser.RequireSetUpAsync();
        if ((await Processes.RunAsync("getent", ["passwd", Account])).ExitCode != 0)
        {
            Assert.Fail($"The remote-builder account '{Account}' is missing: run eng/setup-host.sh (it runs: useradd -m -s /bin/sh -p '*' {Account}).");
        }

        var folder = new TempDirectory("builder-" + Guid.NewGuid().ToString("N")[..8]);
        TestUser.MakeReachable(folder.Path);
        var remote = Path.Combine(folder.Path, "remote", "nix");
        Directory.CreateDirectory(Path.Combine(remote, "store"));
        Directory.CreateDirectory(Path.Combine(remote, "var", "nix"));

        // The builder's Nix: builds as root (the offline emulated stdenv enters a Debian root with
        // chroot), trusts the builder account (it imports the client's unsigned inputs).
        var daemon = await NixDaemonFixture.StartAsync(
            $"trusted-users = root {Account}\nextra-platforms = {systems}",
            daemonOnlySettings: "build-users-group =",
            privateStore: remote);
        try
        {
            foreach (var key in new[] { "host_key", "client_key" })
            {
                var keygen = await Processes.RunAsync("ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "crosssdk-test", "-f", Path.Combine(folder.Path, key)]);
                Assert.AreEqual(0, keygen.ExitCode, keygen.All);
            }

            var serve = $"mount --bind {remote} /nix && NIX_REMOTE=daemon NIX_DAEMON_SOCKET_PATH={daemon.SocketPath} exec nix-store --serve --write";
            File.WriteAllText(Path.Combine(folder.Path, "authorized_keys"),
                $"command=\"exec unshare -r -m sh -c '{serve}'\",restrict {File.ReadAllText(Path.Combine(folder.Path, "client_key.pub")).Trim()}\n");
            var port = FreePort();
            File.WriteAllText(Path.Combine(folder.Path, "sshd_config"), $"""
                ListenAddress 127.0.0.1
                Port {port}
                HostKey {Path.Combine(folder.Path, "host_key")}
                PidFile {Path.Combine(folder.Path, "sshd.pid")}
                AuthorizedKeysFile {Path.Combine(folder.Path, "authorized_keys")}
                AllowUsers {Account}
                PasswordAuthentication no
                KbdInteractiveAuthentication no
                PermitRootLogin no
                UsePAM no
                StrictModes no
                """);
            File.WriteAllText(Path.Combine(folder.Path, "ssh_config"), $"""
                Host {Alias}
                  HostName 127.0.0.1
                  Port {port}
                  User {Account}
                  IdentityFile {Path.Combine(folder.Path, "client_key")}
                  IdentitiesOnly yes
                  BatchMode yes
                  StrictHostKeyChecking accept-new
                  UserKnownHostsFile {Path.Combine(folder.Path, "known_hosts")}
                Host {ClosedAlias}
                  HostName 127.0.0.1
                  Port {FreePort()}
                  BatchMode yes
                  ConnectTimeout 5
                """);

            // sshd's privilege-separation folder, which the ssh service unit would make (setup-host.sh does too).
            Directory.CreateDirectory("/run/sshd");
            var log = new StringBuilder();
            var sshd = Cli.Wrap("setsid")
                .WithArguments(["/usr/sbin/sshd", "-D", "-e", "-f", Path.Combine(folder.Path, "sshd_config")])
                .WithValidation(CommandResultValidation.None)
                .WithStandardErrorPipe(PipeTarget.ToDelegate(line =>
                {
                    lock (log)
                    {
                        log.AppendLine(line);
                    }
                }))
                .ExecuteAsync();
            var fixture = new RemoteBuilderFixture(folder, daemon, sshd, log);
            await fixture.WaitUntilListeningAsync(port);
            return fixture;
        }
        catch
        {
            await daemon.DisposeAsync();
            folder.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!sshd.Task.IsCompleted && IsOurSshd())
        {
            await Processes.RunAsync("kill", ["-TERM", "--", $"-{sshd.ProcessId}"]);
        }

        try
        {
            await sshd;
        }
        catch (OperationCanceledException)
        {
        }

        await daemon.DisposeAsync();
        folder.Dispose();
    }

    private async Task WaitUntilListeningAsync(int port)
    {
        // Readiness, not a timed assertion: sshd accepts connections once it has bound the port.
        for (var i = 0; i < 300; i++)
        {
            if (sshd.Task.IsCompleted)
            {
                Assert.Fail($"sshd exited with code {(await sshd).ExitCode}:\n{Log}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                Assert.IsTrue(IsOurSshd(), $"process {sshd.ProcessId} is not an sshd leading its own process group; refusing to manage it");
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(100);
            }
        }

        Assert.Fail($"sshd did not listen on 127.0.0.1:{port} within 30 s:\n{Log}");
    }

    private bool IsOurSshd()
    {
        var pid = sshd.ProcessId;
        try
        {
            var comm = File.ReadAllText($"/proc/{pid}/comm").Trim();
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return comm == "sshd" && fields[2] == pid.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return false;
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
