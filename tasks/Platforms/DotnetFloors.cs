namespace CrossSdk.Platforms;

/// <summary>
/// The oldest C library .NET itself runs on, per RID: a native file that needs more than this
/// narrows where an app that ships it runs. From dotnet/core's "supported OS" page of .NET 10
/// (https://github.com/dotnet/core/blob/main/release-notes/10.0/supported-os.md, "Libc
/// compatibility": glibc 2.27 on x64 and arm64, whose builds use an Ubuntu 18.04 root; 2.35 on
/// arm32; musl 1.2.3). docs/where-it-runs.md shows the same table; a unit test keeps them equal.
/// </summary>
internal static class DotnetFloors
{
    /// <summary>The .NET these floors are of.</summary>
    public const string Dotnet = ".NET 10";

    /// <summary>(RID, C library, oldest version .NET runs on).</summary>
    public static IReadOnlyList<(string Rid, string Libc, Version Version)> All { get; } =
    [
        ("linux-x64", "glibc", new Version(2, 27)),
        ("linux-arm64", "glibc", new Version(2, 27)),
        ("linux-arm", "glibc", new Version(2, 35)),
        ("linux-musl-x64", "musl", new Version(1, 2, 3)),
        ("linux-musl-arm64", "musl", new Version(1, 2, 3)),
        ("linux-musl-arm", "musl", new Version(1, 2, 3)),
    ];

    /// <summary>.NET's glibc floor on <paramref name="rid"/>, or null for a RID that is not a glibc RID .NET supports.</summary>
    public static Version? Glibc(string rid) =>
        All.FirstOrDefault(f => f.Libc == "glibc" && string.Equals(f.Rid, rid, StringComparison.OrdinalIgnoreCase)).Version;

    /// <summary>.NET's floor on <paramref name="rid"/> as text ("glibc 2.27"), or null.</summary>
    public static string? Describe(string rid) =>
        All.FirstOrDefault(f => string.Equals(f.Rid, rid, StringComparison.OrdinalIgnoreCase)) is { Rid: not null } f ? $"{f.Libc} {f.Version}" : null;
}
