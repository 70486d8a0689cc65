namespace CrossSdk.Build;

/// <summary>
/// An exclusive lock on a file, held while a project's native build runs. .NET takes an advisory
/// flock() for FileShare.None on Unix, which other MSBuild nodes respect; it is released when the
/// process dies, so a crashed build leaves no stale lock.
/// </summary>
public sealed class FileLock : IDisposable
{
    private readonly FileStream stream;

    private FileLock(FileStream stream) => this.stream = stream;

    public static async Task<FileLock> AcquireAsync(string path, CancellationToken cancellation)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        while (true)
        {
            try
            {
                return new FileLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            }
            catch (IOException)
            {
                await Task.Delay(200, cancellation).ConfigureAwait(false);
            }
        }
    }

    public void Dispose() => stream.Dispose();
}
