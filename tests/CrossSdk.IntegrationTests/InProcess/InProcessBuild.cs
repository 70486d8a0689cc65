using Microsoft.Build.Execution;
using Microsoft.Build.Framework;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>What an in-process build of one target left: its result, the built instance and its events.</summary>
public sealed record InProcessBuild(bool Succeeded, ProjectInstance Instance, EventRecorder Recorder)
{
    public string Property(string name) => Instance.GetPropertyValue(name);

    /// <summary>A target's Inputs as full paths (MSBuild on Unix reads a path's '\\' as '/').</summary>
    public static IReadOnlyList<string> InputsOf(ProjectInstance instance, string target) =>
        instance.ExpandString(instance.Targets[target].Inputs)
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => Path.GetFullPath(p.Replace('\\', '/'), instance.Directory))
            .ToList();

    /// <summary>Whether MSBuild ran a task of that name (a skipped target loads none of its tasks).</summary>
    public bool RanTask(string taskName) =>
        Recorder.Events.OfType<TaskStartedEventArgs>().Any(e => e.TaskName == taskName);

    /// <summary>
    /// Whether MSBuild started the target: false for one skipped by its condition; true also for one
    /// it then skips as up to date (TargetStarted, then TargetSkipped with OutputsUpToDate).
    /// </summary>
    public bool RanTarget(string targetName) =>
        Recorder.Events.OfType<TargetStartedEventArgs>().Any(e => e.TargetName == targetName);

    /// <summary>Why MSBuild skipped the target, once per skip.</summary>
    public IReadOnlyList<TargetSkipReason> Skipped(string targetName) =>
        Recorder.Events.OfType<TargetSkippedEventArgs>().Where(e => e.TargetName == targetName).Select(e => e.SkipReason).ToList();

    /// <summary>Errors and warnings, one a line, for an assertion's message.</summary>
    public string Log => string.Join("\n", Recorder.Events
        .Where(e => e is BuildErrorEventArgs or BuildWarningEventArgs || (e is BuildMessageEventArgs m && m.Importance == MessageImportance.High))
        .Select(e => e.Message));
}
