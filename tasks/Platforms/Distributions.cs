namespace CrossSdk.Platforms;

/// <summary>
/// Which C library each release of the common distributions has, so that "needs glibc 2.34"
/// can be said as "Debian 12+, Ubuntu 22.04+, RHEL 9+, Fedora 35+, Amazon Linux 2023". Pure data;
/// docs/where-it-runs.md shows the same table and a unit test keeps the two equal. Each row is
/// the version of the release's own C library package as shipped (point releases and updates
/// keep the minor version: glibc backports fixes, never symbol versions).
/// </summary>
internal static class Distributions
{
    /// <summary>Every release, by distribution, oldest first.</summary>
    public static IReadOnlyList<DistributionRelease> All { get; } =
    [
        // Debian: the libc6 package of each release, https://packages.debian.org/<codename>/libc6
        // (buster 2.28-10, bullseye 2.31-13, bookworm 2.36-9, trixie 2.41-12).
        new("Debian", "10", "glibc", new Version(2, 28)),
        new("Debian", "11", "glibc", new Version(2, 31)),
        new("Debian", "12", "glibc", new Version(2, 36)),
        new("Debian", "13", "glibc", new Version(2, 41)),
        // Ubuntu: the libc6 package of each LTS, https://packages.ubuntu.com/<codename>/libc6
        // (bionic 2.27-3ubuntu1, focal 2.31-0ubuntu9, jammy 2.35-0ubuntu3, noble 2.39-0ubuntu8).
        new("Ubuntu", "18.04", "glibc", new Version(2, 27)),
        new("Ubuntu", "20.04", "glibc", new Version(2, 31)),
        new("Ubuntu", "22.04", "glibc", new Version(2, 35)),
        new("Ubuntu", "24.04", "glibc", new Version(2, 39)),
        // RHEL (and its rebuilds, Alma, Rocky): the glibc package of each major release, in Red
        // Hat's "Red Hat Enterprise Linux Life Cycle" package manifests and
        // https://repology.org/project/glibc/versions (el7 2.17, el8 2.28, el9 2.34, el10 2.39).
        new("RHEL", "7", "glibc", new Version(2, 17)),
        new("RHEL", "8", "glibc", new Version(2, 28)),
        new("RHEL", "9", "glibc", new Version(2, 34)),
        new("RHEL", "10", "glibc", new Version(2, 39)),
        // Fedora: the glibc of each release, https://src.fedoraproject.org/rpms/glibc (branch fNN)
        // and the release notes' "glibc" entries; Fedora ships each glibc release in the next Fedora.
        new("Fedora", "29", "glibc", new Version(2, 28)),
        new("Fedora", "30", "glibc", new Version(2, 29)),
        new("Fedora", "31", "glibc", new Version(2, 30)),
        new("Fedora", "32", "glibc", new Version(2, 31)),
        new("Fedora", "33", "glibc", new Version(2, 32)),
        new("Fedora", "34", "glibc", new Version(2, 33)),
        new("Fedora", "35", "glibc", new Version(2, 34)),
        new("Fedora", "36", "glibc", new Version(2, 35)),
        new("Fedora", "37", "glibc", new Version(2, 36)),
        new("Fedora", "38", "glibc", new Version(2, 37)),
        new("Fedora", "39", "glibc", new Version(2, 38)),
        new("Fedora", "40", "glibc", new Version(2, 39)),
        new("Fedora", "41", "glibc", new Version(2, 40)),
        new("Fedora", "42", "glibc", new Version(2, 41)),
        // Amazon Linux: AL2 ships glibc 2.26 (https://docs.aws.amazon.com/linux/al2/ package list),
        // AL2023 glibc 2.34 (https://docs.aws.amazon.com/linux/al2023/release-notes/all-packages.html).
        new("Amazon Linux", "2", "glibc", new Version(2, 26)),
        new("Amazon Linux", "2023", "glibc", new Version(2, 34)),
        // Alpine: the musl package of each branch, https://pkgs.alpinelinux.org/packages?name=musl&branch=v3.NN
        // (v3.16 and v3.17 1.2.3, v3.18 and later 1.2.4 and 1.2.5).
        new("Alpine", "3.16", "musl", new Version(1, 2, 3)),
        new("Alpine", "3.18", "musl", new Version(1, 2, 4)),
        new("Alpine", "3.20", "musl", new Version(1, 2, 5)),
    ];

    /// <summary>
    /// Per distribution, its oldest release whose C library is at least <paramref name="version"/>:
    /// "Debian 12+", "Ubuntu 22.04+" (later releases never lower glibc). Amazon Linux is the
    /// exception: AL2 and AL2023 are separate products, not a sequence ("2023+" would read as a
    /// year), so each release that has it is named. A distribution none of whose releases has it is left out.
    /// </summary>
    public static IReadOnlyList<string> RunsOn(string libc, Version version) =>
        All.Where(r => r.Libc == libc)
            .GroupBy(r => r.Distribution)
            .Select(g => g.Key == AmazonLinux
                ? string.Join(", ", g.Where(r => r.Version >= version))
                : g.FirstOrDefault(r => r.Version >= version) is { } oldest ? $"{oldest}+" : "")
            .Where(s => s.Length > 0)
            .ToList();

    private const string AmazonLinux = "Amazon Linux";

    /// <summary>
    /// Per distribution, its newest release whose C library is older than <paramref name="needed"/>
    /// but at least <paramref name="floor"/>: the releases a file that needs <paramref name="needed"/>
    /// does not load on although .NET runs there ("Debian 11, Ubuntu 20.04, RHEL 8").
    /// </summary>
    public static IReadOnlyList<string> LeftOut(string libc, Version floor, Version needed) =>
        All.Where(r => r.Libc == libc && r.Version >= floor && r.Version < needed)
            .GroupBy(r => r.Distribution)
            .Select(g => g.Last().ToString())
            .ToList();
}
