using CrossSdk.Host;

namespace CrossSdk.Tests.Integration;

/// <summary>The groups of this very process.</summary>
[TestClass]
[TestCategory("RealProcesses")]
public sealed class UserGroupsProcessTests
{
    [TestMethod]
    public void This_process_is_in_the_group_of_its_gid()
    {
        var groups = UserGroups.OfCurrentUser(Environment.UserName);
        var id = Infrastructure.Processes.RunAsync("id", ["-gn"]).GetAwaiter().GetResult();
        CollectionAssert.Contains(groups.ToList(), id.StandardOutput.Trim());
    }
}
