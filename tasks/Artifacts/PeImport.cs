namespace CrossSdk.Artifacts;

/// <summary>
/// One DLL a PE file imports: its name as the import table spells it, and where that name is in
/// the file (so a shipped copy can be pointed at a renamed DLL). Delay-loaded imports are loaded
/// by the same name, later.
/// </summary>
/// <param name="Dll">The DLL name (libgreet.dll, KERNEL32.dll).</param>
/// <param name="NameOffset">The file offset of the NUL-terminated name.</param>
/// <param name="Delayed">From the delay-load import table.</param>
/// <param name="Functions">The functions imported by name (ordinal imports are left out).</param>
internal sealed record PeImport(string Dll, long NameOffset, bool Delayed, IReadOnlyList<string> Functions);
