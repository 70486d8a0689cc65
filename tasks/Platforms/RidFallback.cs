namespace CrossSdk.Platforms;

/// <summary>
/// An app RID that would load a native file built for another C library: NuGet's first RID in
/// <paramref name="Rid"/>'s fallback chain with shipped files is <paramref name="FallsBackTo"/>.
/// </summary>
/// <param name="Rid">The app's RID (linux-musl-x64).</param>
/// <param name="Libc">The C library that app runs with: musl or bionic.</param>
/// <param name="FallsBackTo">The shipped RID it would load from (linux-x64).</param>
/// <param name="ShippedLibc">The C library of the shipped RID: glibc.</param>
internal sealed record RidFallback(string Rid, string Libc, string FallsBackTo, string ShippedLibc);
