using System.Globalization;

namespace CrossSdk.Host;

/// <summary>
/// The groups Nix's daemon counts for a user in trusted-users (`@group`): the group of the
/// client's gid and every group that lists the user as a member (Nix: getgrgid, getgrnam's
/// gr_mem). Read from /etc/group; groups only a directory service knows are not seen here, which
/// is why emulated builds of an untrusted user still ask Nix with a test build.
/// </summary>
internal static class UserGroups
{
    public static IReadOnlyList<string> OfCurrentUser(string user)
    {
        try
        {
            return Parse(File.ReadAllText("/etc/group"), user, EffectiveGid(File.ReadAllText("/proc/self/status")));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return [];
        }
    }

    /// <summary>Groups in an /etc/group text (name:password:gid:member,member) that have <paramref name="gid"/> or list <paramref name="user"/>.</summary>
    public static IReadOnlyList<string> Parse(string etcGroup, string user, int? gid) =>
        etcGroup.Split('\n')
            .Select(line => line.Split(':'))
            .Where(f => f.Length >= 4 && (f[2] == gid?.ToString(CultureInfo.InvariantCulture) || f[3].Trim().Split(',').Contains(user)))
            .Select(f => f[0])
            .Distinct()
            .ToList();

    /// <summary>The effective gid from /proc/self/status ("Gid: real effective saved fs").</summary>
    public static int? EffectiveGid(string procStatus) =>
        procStatus.Split('\n').FirstOrDefault(l => l.StartsWith("Gid:", StringComparison.Ordinal)) is { } line
            && line.Split((char[])['\t', ' '], StringSplitOptions.RemoveEmptyEntries) is { Length: >= 3 } f
            && int.TryParse(f[2], NumberStyles.None, CultureInfo.InvariantCulture, out var gid)
            ? gid
            : null;
}
