namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A folder that even root cannot write to, made for real by the test and undone on dispose: a
/// tmpfs mounted read-only (EROFS), a tmpfs with no free inode (ENOSPC), or an immutable folder
/// (chattr +i: EPERM). chmod would not do: root ignores permission bits.
/// </summary>
public sealed class UnwritableFolder : IAsyncDisposable
{
    private readonly string path;
    private readonly bool mounted;

    private UnwritableFolder(string path, bool mounted)
    {
        this.path = path;
        this.mounted = mounted;
    }

    public string Path => path;

    /// <summary>A read-only tmpfs at <paramref name="path"/>, holding what <paramref name="fill"/> put there while it was writable.</summary>
    public static async Task<UnwritableFolder> ReadOnlyAsync(string path, Action<string>? fill = null)
    {
        await MountAsync(path, "size=1m");
        fill?.Invoke(path);
        await RunAsync("mount", "-o", "remount,ro", path);
        return new UnwritableFolder(path, mounted: true);
    }

    /// <summary>A tmpfs at <paramref name="path"/> whose one inode is its root: creating any file fails with ENOSPC, as on a full disk.</summary>
    public static async Task<UnwritableFolder> FullAsync(string path)
    {
        await MountAsync(path, "size=64k,nr_inodes=1");
        return new UnwritableFolder(path, mounted: true);
    }

    /// <summary>An immutable folder (chattr +i): nothing can be created in it, not by root either.</summary>
    public static async Task<UnwritableFolder> ImmutableAsync(string path)
    {
        RequireRoot();
        Directory.CreateDirectory(path);
        var result = await Processes.RunAsync("chattr", ["+i", path]);
        if (result.ExitCode != 0)
        {
            Assert.Inconclusive($"chattr +i is not supported here: {result.All}");
        }

        return new UnwritableFolder(path, mounted: false);
    }

    public async ValueTask DisposeAsync()
    {
        await RunAsync(mounted ? "umount" : "chattr", mounted ? [path] : ["-i", path]);
    }

    private static async Task MountAsync(string path, string options)
    {
        RequireRoot();
        Directory.CreateDirectory(path);
        var result = await Processes.RunAsync("mount", ["-t", "tmpfs", "-o", options, "tmpfs", path]);
        if (result.ExitCode != 0)
        {
            Assert.Inconclusive($"mounting a tmpfs needs CAP_SYS_ADMIN, which this test run lacks: {result.All}");
        }
    }

    private static void RequireRoot()
    {
        if (Environment.UserName != "root")
        {
            Assert.Inconclusive("Only root can make a folder that even root cannot write to.");
        }
    }

    private static async Task RunAsync(string executable, params string[] arguments)
    {
        var result = await Processes.RunAsync(executable, arguments);
        Assert.AreEqual(0, result.ExitCode, $"{executable} {string.Join(" ", arguments)}: {result.All}");
    }
}
