using CrossSdk.Diagnostics;

namespace CrossSdk.Run;

/// <summary>Whether this machine runs one Windows RID's programs: the Wine loader and prefix a run would use, or the CROSS0104/0105 a run would fail with.</summary>
internal sealed record WineTargetStatus(string Rid, string? Loader, string? Prefix, CrossException? Error);
