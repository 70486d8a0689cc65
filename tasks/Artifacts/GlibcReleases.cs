namespace CrossSdk.Artifacts;

/// <summary>
/// Which glibc each nixpkgs release builds with (pkgs/development/libraries/glibc), so that a
/// glibc requirement that is not met can name the release to build the target with. Pure data;
/// docs/older-glibc.md shows the same table.
/// </summary>
internal static class GlibcReleases
{
    /// <summary>(nixpkgs release branch, its glibc), oldest first.</summary>
    public static IReadOnlyList<(string Release, Version Glibc)> All { get; } =
    [
        ("nixos-20.03", new Version(2, 30)),
        ("nixos-20.09", new Version(2, 31)),
        ("nixos-21.05", new Version(2, 32)),
        ("nixos-21.11", new Version(2, 33)),
        ("nixos-22.05", new Version(2, 34)),
        ("nixos-22.11", new Version(2, 35)),
        ("nixos-23.05", new Version(2, 37)),
        ("nixos-23.11", new Version(2, 38)),
        ("nixos-24.05", new Version(2, 39)),
        ("nixos-24.11", new Version(2, 40)),
    ];

    /// <summary>The newest release whose glibc is at most <paramref name="glibc"/>, or null when every release is newer.</summary>
    public static (string Release, Version Glibc)? NewestAtMost(Version glibc) =>
        All.LastOrDefault(r => r.Glibc <= glibc) is { Release: not null } found ? found : null;
}
