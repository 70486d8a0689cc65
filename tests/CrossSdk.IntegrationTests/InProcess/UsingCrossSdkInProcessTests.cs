namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>The UsingCrossSdk marker, which build/CrossSdk.props sets for a PackageReference.</summary>
[TestClass]
[TestCategory("InProcessMSBuild")]
public sealed class UsingCrossSdkInProcessTests
{
    [TestMethod]
    public void UsingCrossSdk_is_true_when_only_build_CrossSdk_props_is_imported()
    {
        using var project = new SdkProject(importTargets: false);

        var instance = project.Evaluate();

        Assert.AreEqual("true", instance.GetPropertyValue("UsingCrossSdk"));
        Assert.IsFalse(instance.Targets.ContainsKey("CrossBuild"), "the targets were imported after all");

        // The same project without the CrossSdk.props import has no marker: it comes from that file.
        File.WriteAllLines(project.ProjectFile, File.ReadAllLines(project.ProjectFile).Where(l => !l.Contains("CrossSdk.props", StringComparison.Ordinal)));
        Assert.AreEqual("", project.Evaluate().GetPropertyValue("UsingCrossSdk"));
    }
}
