namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>A design-time build (an IDE's, DesignTimeBuild=true) never runs CrossBuild, so never Nix.</summary>
[TestClass]
[TestCategory("InProcessMSBuild")]
public sealed class DesignTimeBuildInProcessTests
{
    private const string Body = """
        <ItemGroup>
          <CrossPackage Include="native/default.nix" />
        </ItemGroup>
        """;

    [TestMethod]
    public void A_design_time_build_skips_CrossBuild_and_the_targets_it_depends_on()
    {
        using var project = new SdkProject(Body);
        // The same project outside a design-time build would run it: only DesignTimeBuild differs.
        var normal = project.Evaluate();
        Assert.IsTrue(normal.EvaluateCondition(normal.Targets["CrossBuild"].Condition), "CrossBuild's condition is false outside a design-time build too");

        var build = project.Build("CrossBuild", new Dictionary<string, string> { ["DesignTimeBuild"] = "true" });

        Assert.IsTrue(build.Succeeded, build.Log);
        Assert.IsFalse(build.RanTask("CrossBuildPackages"), "the task ran in a design-time build");
        Assert.IsFalse(build.RanTarget("_CrossUpToDateInputs"), "the up-to-date check ran in a design-time build");
        Assert.IsFalse(File.Exists(Path.Combine(project.CrossFolder, "settings.txt")), "a design-time build wrote settings.txt");
    }
}
