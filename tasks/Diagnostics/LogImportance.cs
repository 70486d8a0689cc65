namespace CrossSdk.Diagnostics;

internal enum LogImportance
{
    High,
    Normal,
    Low,
}
