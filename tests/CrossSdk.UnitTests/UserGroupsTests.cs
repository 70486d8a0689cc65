using CrossSdk.Host;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class UserGroupsTests
{
    private const string EtcGroup = """
        root:x:0:
        wheel:x:10:alice,me
        nixbld:x:995:nixbld1,nixbld2
        me:x:1001:
        users:x:100:
        """;

    [TestMethod]
    public void A_users_groups_are_its_gids_group_and_those_listing_it_as_Nix_matches_them() =>
        CollectionAssert.AreEquivalent(new[] { "wheel", "me" }, UserGroups.Parse(EtcGroup, "me", 1001).ToList());

    [TestMethod]
    public void A_name_that_only_starts_like_a_member_is_not_one() =>
        CollectionAssert.AreEquivalent(new[] { "users" }, UserGroups.Parse(EtcGroup, "nixbld", 100).ToList());

    [TestMethod]
    public void The_effective_gid_comes_from_proc_status() =>
        Assert.AreEqual(1001, UserGroups.EffectiveGid("Name:\tdotnet\nUid:\t1001\t1001\t1001\t1001\nGid:\t1000\t1001\t1001\t1001\n"));

}
