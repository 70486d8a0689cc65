using CrossSdk.Diagnostics;
using Microsoft.Build.Framework;

namespace CrossSdk.MSBuild;

/// <summary>
/// The one base of every CrossSdk task. Execute is sealed: a <see cref="CrossException"/> becomes
/// its coded error (with file and line), Ctrl+C a cancellation message, and anything else a
/// CROSS0044 "internal error" that quotes the exception and keeps the stack trace at low
/// importance, so that no user ever sees a bare stack trace from a CrossSdk task.
/// </summary>
// MSBuild never disposes tasks, and Cancel() may come after Execute(): the token source lives as long as the task.
#pragma warning disable CA1001
public abstract class CrossTask : Microsoft.Build.Utilities.Task, ICancelableTask
#pragma warning restore CA1001
{
    private readonly CancellationTokenSource cancellation = new();

    protected CancellationToken CancellationToken => cancellation.Token;

    private protected MSBuildCrossLog CrossLog => new(Log);

    public void Cancel() => cancellation.Cancel();

    public sealed override bool Execute()
    {
        try
        {
            ExecuteCore();
        }
        catch (CrossException ex)
        {
            CrossLog.LogException(ex);
        }
        catch (IOException ex) when (DiskFull.Is(ex))
        {
            // A full disk is the machine's, not a bug: the disk-full code, naming the path.
            CrossLog.LogException(DiskFull.Error(ex, GetType().Name, folder: WriteFolder));
            CrossLog.LogMessage(LogImportance.Low, $"CrossSdk: {GetType().Name} failed with {ex}");
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            CrossLog.LogMessage(LogImportance.High, "CrossSdk: cancelled; Nix was stopped and no output was copied.");
            return false;
        }
        catch (Exception ex)
        {
            // Whatever reaches here is a case CrossSdk did not foresee: say so, say what to do,
            // and keep the stack for the bug report without putting it in the user's face.
            CrossLog.LogError(DiagnosticCodes.InternalError, InternalErrorMessage(GetType().Name, ex));
            CrossLog.LogMessage(LogImportance.Low, $"CrossSdk: {GetType().Name} failed with {ex}");
        }

        return !Log.HasLoggedErrors;
    }

    /// <summary>Where the task writes (obj/cross/), named when a full disk stops a write .NET does not name.</summary>
    private protected virtual string? WriteFolder => null;

    /// <summary>The task's work. Throw <see cref="CrossException"/> for anything the user can act on.</summary>
    protected abstract void ExecuteCore();

    internal static string InternalErrorMessage(string task, Exception ex) =>
        $"CrossSdk internal error in {task}: {ex.GetType().FullName}: {ex.Message} " +
        "This is a bug in CrossSdk, not in your project. Please report it with this message and the stack trace " +
        "(shown with `dotnet build -v:detailed`). Deleting obj/cross/ and building again may work around it.";
}
