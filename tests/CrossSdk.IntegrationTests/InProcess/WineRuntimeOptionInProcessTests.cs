using Microsoft.Build.Execution;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>
/// The runtime option the build for a Windows run target gets (CrossWineForceEmitInvoke): only that
/// build, only for Windows, off on request, and never over the project's own value.
/// </summary>
[TestClass]
[TestCategory("InProcessMSBuild")]
public sealed class WineRuntimeOptionInProcessTests
{
    private const string Switch = "Switch.System.Reflection.ForceEmitInvoke";

    [TestMethod]
    public void The_build_for_a_Windows_run_target_sets_ForceEmitInvoke_in_its_runtime_options()
    {
        using var project = new SdkProject();

        var instance = project.Evaluate(RunBuildFor("win-x64"));

        CollectionAssert.AreEqual(new[] { "true" }, ValuesOf(instance));
    }

    [TestMethod]
    [DataRow("linux-arm64", "true", DisplayName = "a Linux run target")]
    [DataRow("win-x64", "false", DisplayName = "CrossWineForceEmitInvoke=false")]
    public void The_build_for_the_run_target_leaves_the_runtime_default(string rid, string force)
    {
        using var project = new SdkProject();
        var properties = RunBuildFor(rid);
        properties["CrossWineForceEmitInvoke"] = force;

        var instance = project.Evaluate(properties);

        Assert.AreEqual(0, ValuesOf(instance).Length);
    }

    [TestMethod]
    public void A_plain_or_published_Windows_build_keeps_the_runtime_default()
    {
        using var project = new SdkProject();

        var instance = project.Evaluate(new Dictionary<string, string> { ["RuntimeIdentifier"] = "win-x64", ["CrossTarget"] = "win-x64" });

        Assert.AreEqual(0, ValuesOf(instance).Length);
    }

    [TestMethod]
    public void The_projects_own_value_for_the_switch_wins()
    {
        using var project = new SdkProject($"""
            <ItemGroup>
              <RuntimeHostConfigurationOption Include="{Switch}" Value="false" />
            </ItemGroup>
            """);

        var instance = project.Evaluate(RunBuildFor("win-x64"));

        CollectionAssert.AreEqual(new[] { "false" }, ValuesOf(instance));
    }

    [TestMethod]
    public void A_value_for_the_switch_in_runtimeconfig_template_json_wins()
    {
        using var project = new SdkProject();
        project.Write("runtimeconfig.template.json", $$"""{ "configProperties": { "{{Switch}}": false } }""");

        var instance = project.Evaluate(RunBuildFor("win-x64"));

        Assert.AreEqual(0, ValuesOf(instance).Length);
    }

    /// <summary>The global properties CrossRunPrepare gives the build for the run target.</summary>
    private static Dictionary<string, string> RunBuildFor(string rid) => new()
    {
        ["RuntimeIdentifier"] = rid,
        ["SelfContained"] = "true",
        ["CrossTarget"] = rid,
        ["_CrossRunInner"] = "true",
    };

    private static string[] ValuesOf(ProjectInstance instance) =>
        instance.GetItems("RuntimeHostConfigurationOption")
            .Where(item => item.EvaluatedInclude == Switch)
            .Select(item => item.GetMetadataValue("Value"))
            .ToArray();
}
