namespace CrossSdk.Diagnostics;

public enum LogImportance
{
    High,
    Normal,
    Low,
}
