using CrossSdk.Diagnostics;
using Microsoft.Build.Framework;
using Microsoft.Build.Utilities;

namespace CrossSdk.MSBuild;

/// <summary>
/// Forwards the services' log to MSBuild, with codes, help links and file positions. The one sink
/// every message of CrossSdk's tasks goes through, Nix's own lines passed on included: each text
/// loses its URL credentials here (<see cref="Secrets"/>), so no message can show one.
/// </summary>
internal sealed class MSBuildCrossLog(TaskLoggingHelper log) : ICrossLog
{
    public void LogMessage(LogImportance importance, string text) =>
        log.LogMessage(importance switch
        {
            LogImportance.High => MessageImportance.High,
            LogImportance.Normal => MessageImportance.Normal,
            _ => MessageImportance.Low,
        }, Secrets.Redact(text));

    public void LogWarning(string code, string text, string? file = null, int line = 0, int column = 0) =>
        log.LogWarning(null, code, null, DiagnosticCodes.HelpLink(code), file, line, column, 0, 0, Secrets.Redact(text));

    public void LogError(string code, string text, string? file = null, int line = 0, int column = 0) =>
        log.LogError(null, code, null, DiagnosticCodes.HelpLink(code), file, line, column, 0, 0, Secrets.Redact(text));

    public void LogException(CrossException ex) => LogError(ex.Code, ex.Message, ex.File, ex.Line, ex.Column);
}
