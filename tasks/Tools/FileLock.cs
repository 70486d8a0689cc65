using System.Diagnostics;
using CrossSdk.Diagnostics;

namespace CrossSdk.Tools;

/// <summary>
/// An exclusive lock on a file, held while a project's native build runs. .NET takes an advisory
/// flock() for FileShare.None on Unix, which other MSBuild nodes respect; it is released when the
/// process dies, so a crashed build leaves no stale lock.
///
/// A lock another build holds is waited for (said once, with who holds it, up to a timeout); a lock
/// file that cannot be created at all (read-only file system, no permission, full disk) is an error
/// at once: waiting would never end. The two are told apart by the errno .NET puts into
/// IOException.HResult on Linux (checked here: 11 for the held flock, 30 EROFS, 28 ENOSPC), never
/// by message text, which is localised.
/// </summary>
internal sealed class FileLock : IDisposable
{
    /// <summary>How long a build waits for another build of the same project (CrossLockTimeout).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromHours(1);

    // Linux errno values, as .NET reports them in IOException.HResult.
    private const int EPerm = 1;
    private const int EWouldBlock = 11;
    private const int EAccess = 13;
    private const int ENoSpace = 28;
    private const int EReadOnlyFileSystem = 30;
    private const int EQuota = 122;

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    private readonly FileStream stream;
    private readonly string holderPath;

    private FileLock(FileStream stream, string holderPath)
    {
        this.stream = stream;
        this.holderPath = holderPath;
    }

    /// <summary>
    /// Takes the lock at <paramref name="path"/>, waiting up to <paramref name="timeout"/> for
    /// another holder. Who holds it is written beside it (<c>PATH.holder</c>), since a file locked
    /// with FileShare.None cannot be opened by anyone else, not even to read.
    /// </summary>
    public static async Task<FileLock> AcquireAsync(string path, string project, TimeSpan timeout, ICrossLog log, CancellationToken cancellation)
    {
        var holderPath = path + ".holder";
        var waited = Stopwatch.StartNew();
        var said = false;
        while (true)
        {
            if (TryOpen(path) is { } stream)
            {
                WriteHolder(stream, holderPath, project);
                return new FileLock(stream, holderPath);
            }

            if (waited.Elapsed >= timeout)
            {
                throw new CrossException(
                    DiagnosticCodes.LockTimeout,
                    $"Another build of this project ({ReadHolder(holderPath)}) held {path} for more than {timeout.TotalSeconds:0} s (CrossLockTimeout); gave up waiting. " +
                    "Let that build finish or stop it, then build again; if builds of this project take longer, raise CrossLockTimeout.");
            }

            if (!said)
            {
                log.LogMessage(LogImportance.High, $"CrossSdk: another build of this project holds {path} ({ReadHolder(holderPath)}); waiting for it, up to {timeout.TotalSeconds:0} s (CrossLockTimeout).");
                said = true;
            }

            await Task.Delay(PollInterval, cancellation).ConfigureAwait(false);
        }
    }

    /// <summary>CrossLockTimeout in seconds: 0 (do not wait) or more.</summary>
    public static TimeSpan ParseTimeout(int seconds) =>
        seconds >= 0 ? TimeSpan.FromSeconds(seconds)
        : throw new CrossException(DiagnosticCodes.InvalidLockTimeout, $"CrossLockTimeout '{seconds}' is not a number of seconds of 0 or more (the default is {DefaultTimeout.TotalSeconds:0}).");

    public void Dispose()
    {
        // Before the lock is released: the next holder writes its own.
        try
        {
            File.Delete(holderPath);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }

        stream.Dispose();
    }

    /// <summary>The locked stream; null when another open file holds the lock; a coded error when the file cannot be had at all.</summary>
    private static FileStream? TryOpen(string path)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex) when (ex.HResult == EWouldBlock)
        {
            return null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw Unavailable(path, ex);
        }
    }

    private static void WriteHolder(FileStream stream, string holderPath, string project)
    {
        try
        {
            File.WriteAllText(holderPath, $"pid {Environment.ProcessId}, project {project}, since {DateTime.UtcNow:yyyy-MM-dd HH:mm:ss} UTC");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            stream.Dispose();
            throw Unavailable(holderPath, ex);
        }
    }

    private static string ReadHolder(string holderPath)
    {
        try
        {
            return File.ReadAllText(holderPath).Trim();
        }
        catch (FileNotFoundException)
        {
            return $"it has not said who it is in {holderPath}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"who it is is not known: {ex.Message}";
        }
    }

    private static CrossException Unavailable(string path, Exception ex)
    {
        // The errno's own text repeats the path: only an unforeseen error needs it.
        var (reason, fix) = ex switch
        {
            IOException { HResult: EReadOnlyFileSystem } => ("the file system is read-only",
                "Build from a writable copy of the project, or set CrossIntermediateOutputPath (or BaseIntermediateOutputPath) to a writable folder."),
            IOException { HResult: ENoSpace or EQuota } => ("the disk is full (or the quota used up)",
                "Free some space (nix-collect-garbage frees unused Nix store paths) and build again."),
            UnauthorizedAccessException or IOException { HResult: EAccess or EPerm } => ("permission denied",
                "Make the folder writable for the user who builds (ls -ld, chown, chmod; lsattr for an immutable flag), or set CrossIntermediateOutputPath to a writable folder."),
            _ => (ex.Message,
                "Check that the folder is writable, or set CrossIntermediateOutputPath to another folder."),
        };
        return new CrossException(
            DiagnosticCodes.LockFileUnavailable,
            $"CrossSdk cannot create its lock file {path}: {reason}. {fix}",
            inner: ex);
    }
}
