namespace CrossSdk.Diagnostics;

/// <summary>
/// What the services report while they work. The MSBuild tasks forward it to their TaskLoggingHelper;
/// tests collect it. Keeping MSBuild types out of the services lets them be tested directly.
/// </summary>
internal interface ICrossLog
{
    void LogMessage(LogImportance importance, string text);

    void LogWarning(string code, string text, string? file = null, int line = 0, int column = 0);

    void LogError(string code, string text, string? file = null, int line = 0, int column = 0);
}
