using Microsoft.Build.Framework;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>A logger that keeps every event of an in-process build, at diagnostic verbosity.</summary>
public sealed class EventRecorder : ILogger
{
    private readonly List<BuildEventArgs> events = [];

    public LoggerVerbosity Verbosity { get; set; } = LoggerVerbosity.Diagnostic;

    public string? Parameters { get; set; }

    public IReadOnlyList<BuildEventArgs> Events
    {
        get
        {
            lock (events)
            {
                return events.ToList();
            }
        }
    }

    public void Initialize(IEventSource eventSource)
    {
        ArgumentNullException.ThrowIfNull(eventSource);
        eventSource.AnyEventRaised += (_, e) =>
        {
            lock (events)
            {
                events.Add(e);
            }
        };
    }

    public void Shutdown()
    {
    }
}
