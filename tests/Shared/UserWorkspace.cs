namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// samples/HelloNative as the unprivileged test user has it: a folder the user owns with the
/// sample, its own copies of the packed SDK feed and the offline package set, and its own HOME
/// (and so its own NuGet cache). dotnet runs as the user, talking to Nix through a daemon.
/// </summary>
public sealed class UserWorkspace : IDisposable
{
    private UserWorkspace(SampleWorkspace sample) => Sample = sample;

    public SampleWorkspace Sample { get; }

    public string Home => Path.Combine(Sample.Folder, "home");

    public string NuGetPackages => Path.Combine(Home, ".nuget", "packages");

    public static async Task<UserWorkspace> CreateAsync()
    {
        var sample = await SampleWorkspace.CreateAsync();
        var (packedFeed, _) = await SdkFeed.GetAsync();
        var feed = Path.Combine(sample.Folder, "feed");
        Directory.CreateDirectory(feed);
        foreach (var package in Directory.GetFiles(packedFeed, "*.nupkg"))
        {
            File.Copy(package, Path.Combine(feed, Path.GetFileName(package)));
        }

        var nixpkgs = Path.Combine(sample.Folder, "nixpkgs");
        SampleWorkspace.CopyDirectory(Repo.OfflineNixpkgs, nixpkgs);
        await SampleWorkspace.WriteUserSetupAsync(sample.Folder, feed, nixpkgs);
        var workspace = new UserWorkspace(sample);
        Directory.CreateDirectory(workspace.Home);
        await TestUser.GiveAsync(sample.Folder);
        return workspace;
    }

    /// <summary>
    /// dotnet as the user, a client of <paramref name="daemon"/> reading the daemon's nix.conf (as
    /// both read /etc/nix/nix.conf on a real machine). <paramref name="nixRemote"/> null leaves
    /// NIX_REMOTE unset, as most installations do (Nix then finds the daemon by its socket).
    /// </summary>
    public Task<ProcessOutput> DotNetAsync(NixDaemonFixture daemon, string? nixRemote, params string[] arguments)
    {
        var env = new Dictionary<string, string>
        {
            ["NIX_CONF_DIR"] = daemon.ConfDirectory,
            ["NIX_DAEMON_SOCKET_PATH"] = daemon.SocketPath,
            ["NUGET_PACKAGES"] = NuGetPackages,
            ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
            ["DOTNET_NOLOGO"] = "1",
            ["DOTNET_SKIP_FIRST_TIME_EXPERIENCE"] = "1",
            ["DOTNET_CLI_UI_LANGUAGE"] = "en",
            ["DOTNET_CLI_USE_MSBUILD_SERVER"] = "0",
            ["MSBUILDDISABLENODEREUSE"] = "1",
            ["MSBUILDTERMINALLOGGER"] = "off",
            ["NUGET_CERT_REVOCATION_MODE"] = "offline",
        };
        if (nixRemote is not null)
        {
            env["NIX_REMOTE"] = nixRemote;
        }

        // No compiler server either: it would outlive the test, running as the test user.
        return TestUser.RunAsync(Sample.Root, Home, env, "dotnet", [.. arguments, "-nodeReuse:false", "-p:UseSharedCompilation=false"]);
    }

    /// <summary>Files and folders under the workspace (sample, obj/, bin/, HOME, NuGet cache) that root owns.</summary>
    public async Task<IReadOnlyList<string>> OwnedByRootAsync()
    {
        var find = await Processes.RunAsync("find", [Sample.Folder, "-user", "root"]);
        Assert.AreEqual(0, find.ExitCode, find.StandardError);
        return find.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries);
    }

    public void Dispose() => Sample.Dispose();
}
