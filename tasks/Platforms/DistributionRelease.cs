namespace CrossSdk.Platforms;

/// <summary>One release of a Linux distribution and the version of its C library (glibc, or musl for Alpine).</summary>
/// <param name="Distribution">Debian, Ubuntu, RHEL, Fedora, Amazon Linux, Alpine.</param>
/// <param name="Release">Its version as users say it: 12, 22.04, 2023.</param>
/// <param name="Libc">glibc or musl.</param>
/// <param name="Version">The C library's version in that release's package (libc6, glibc, musl).</param>
internal sealed record DistributionRelease(string Distribution, string Release, string Libc, Version Version)
{
    public override string ToString() => $"{Distribution} {Release}";
}
