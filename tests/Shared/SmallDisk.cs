namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A small tmpfs mounted for a test, to fill up as a full disk would be, without touching the
/// real disk; unmounted on dispose. <see cref="Fill"/> leaves a chosen number of bytes
/// free, <see cref="Free"/> gives the space back.
/// </summary>
public sealed class SmallDisk : IAsyncDisposable
{
    private SmallDisk(string path) => Path = path;

    public string Path { get; }

    private string Filler => System.IO.Path.Combine(Path, ".filler");

    /// <param name="size">tmpfs's size option: 64k, 8m.</param>
    public static async Task<SmallDisk> MountAsync(string path, string size)
    {
        if (Environment.UserName != "root")
        {
            Assert.Inconclusive("Only root can mount a tmpfs.");
        }

        Directory.CreateDirectory(path);
        var result = await Processes.RunAsync("mount", ["-t", "tmpfs", "-o", $"size={size}", "tmpfs", path]);
        if (result.ExitCode != 0)
        {
            Assert.Inconclusive($"mounting a tmpfs needs CAP_SYS_ADMIN, which this test run lacks: {result.All}");
        }

        return new SmallDisk(path);
    }

    /// <summary>Fills the disk with a file of zeros until the file system says it is full, then frees <paramref name="leaveBytes"/> (rounded to whole pages) again.</summary>
    public void Fill(long leaveBytes = 0)
    {
        var reserve = System.IO.Path.Combine(Path, ".reserve");
        if (leaveBytes > 0)
        {
            File.WriteAllBytes(reserve, new byte[leaveBytes]);
        }

        var chunk = new byte[4096];
        using (var stream = new FileStream(Filler, FileMode.Append, FileAccess.Write, FileShare.None, 1, FileOptions.None))
        {
            try
            {
                while (true)
                {
                    stream.Write(chunk);
                }
            }
            catch (IOException)
            {
                // ENOSPC: full.
            }
        }

        File.Delete(reserve);
    }

    /// <summary>Deletes what <see cref="Fill"/> wrote.</summary>
    public void Free() => File.Delete(Filler);

    public async ValueTask DisposeAsync()
    {
        var result = await Processes.RunAsync("umount", [Path]);
        Assert.AreEqual(0, result.ExitCode, $"umount {Path}: {result.All}");
    }
}
