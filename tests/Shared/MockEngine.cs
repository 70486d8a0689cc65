using System.Collections;
using System.Text;
using Microsoft.Build.Framework;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// An IBuildEngine that keeps what a task logs, for running a task in-process (after
/// dotnet/sourcelink's TestUtilities/MockEngine): errors and warnings with their codes, files and
/// lines, messages with their importance.
/// </summary>
public sealed class MockEngine : IBuildEngine
{
    public List<BuildErrorEventArgs> Errors { get; } = [];

    public List<BuildWarningEventArgs> Warnings { get; } = [];

    public List<BuildMessageEventArgs> Messages { get; } = [];

    /// <summary>Everything, one event a line, as "ERROR CODE: text", "WARNING CODE: text" or "[importance] text".</summary>
    public string Log
    {
        get
        {
            lock (Errors)
            {
                var text = new StringBuilder();
                Errors.ForEach(e => text.AppendLine($"ERROR {e.Code}: {e.Message}"));
                Warnings.ForEach(w => text.AppendLine($"WARNING {w.Code}: {w.Message}"));
                Messages.ForEach(m => text.AppendLine($"[{m.Importance}] {m.Message}"));
                return text.ToString();
            }
        }
    }

    public string ProjectFileOfTaskNode => "";

    public int ColumnNumberOfTaskNode => 0;

    public int LineNumberOfTaskNode => 0;

    public bool ContinueOnError => false;

    /// <summary>Messages at or above an importance (High is the most important).</summary>
    public IReadOnlyList<string> MessagesAtLeast(MessageImportance importance)
    {
        lock (Errors)
        {
            return Messages.Where(m => m.Importance <= importance).Select(m => m.Message ?? "").ToList();
        }
    }

    public void LogErrorEvent(BuildErrorEventArgs e)
    {
        lock (Errors)
        {
            Errors.Add(e);
        }
    }

    public void LogWarningEvent(BuildWarningEventArgs e)
    {
        lock (Errors)
        {
            Warnings.Add(e);
        }
    }

    public void LogMessageEvent(BuildMessageEventArgs e)
    {
        lock (Errors)
        {
            Messages.Add(e);
        }
    }

    public void LogCustomEvent(CustomBuildEventArgs e)
    {
        lock (Errors)
        {
            Messages.Add(new BuildMessageEventArgs(e.Message, null, null, MessageImportance.Normal));
        }
    }

    public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) =>
        throw new NotSupportedException("CrossSdk tasks build no other project.");
}
