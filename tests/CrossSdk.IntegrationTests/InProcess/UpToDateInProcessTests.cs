using Microsoft.Build.Framework;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>
/// MSBuild's own up-to-date check of CrossBuild (CrossSdk.UpToDate.targets, CrossSdk.Build.targets),
/// run in-process on a project left as a build that succeeded leaves it: a no-op build skips the
/// target without loading the task, and a changed input, a changed whole-second file or a broken
/// seal make it run (through an input that never exists, up-to-date.stamp.missing).
/// </summary>
[TestClass]
[TestCategory("InProcessMSBuild")]
public sealed class UpToDateInProcessTests
{
    private const string MissingInput = "up-to-date.stamp.missing";

    [TestMethod]
    public void CrossBuild_has_as_inputs_the_settings_file_the_task_assembly_and_every_targets_file_of_CrossSdk()
    {
        using var project = new SdkProject();

        var instance = project.Evaluate();

        var inputs = InProcessBuild.InputsOf(instance, "CrossBuild").ToList();
        CollectionAssert.Contains(inputs, Path.Combine(project.CrossFolder, "settings.txt"));
        CollectionAssert.Contains(inputs, SdkProject.TasksAssembly);
        foreach (var targets in Directory.GetFiles(Path.Combine(Repo.Root, "sdk", "build"), "*.targets"))
        {
            CollectionAssert.Contains(inputs, targets, $"{Path.GetFileName(targets)} is not an input of CrossBuild: add it to _CrossSdkTargetsFiles");
        }

        Assert.AreEqual(Path.Combine(project.CrossFolder, "up-to-date.stamp"), Path.GetFullPath(instance.ExpandString(instance.Targets["CrossBuild"].Outputs).Replace('\\', '/'), instance.Directory));
    }

    [TestMethod]
    public void A_build_with_nothing_changed_since_the_sealed_one_skips_CrossBuild_without_loading_the_task()
    {
        using var sealedProject = SealedProject.Create();

        var build = sealedProject.Project.Build("CrossBuild");

        Assert.IsTrue(build.Succeeded, build.Log);
        Assert.AreEqual("", build.Property("_CrossMustBuild"), "the up-to-date check says the target must run");
        Assert.IsTrue(build.RanTarget("_CrossUpToDateInputs"), "the up-to-date check did not run");
        Assert.IsFalse(build.RanTask("CrossBuildPackages"), "the task ran on a no-op build");
        CollectionAssert.AreEqual(new[] { TargetSkipReason.OutputsUpToDate }, build.Skipped("CrossBuild").ToArray(), "MSBuild did not skip CrossBuild as up to date");
    }

    [TestMethod]
    public void An_input_of_the_proof_with_another_time_makes_CrossBuild_run()
    {
        using var sealedProject = SealedProject.Create();
        File.WriteAllText(sealedProject.Input, "int answer(void) { return 43; }\n");
        File.SetLastWriteTime(sealedProject.Input, File.GetLastWriteTime(sealedProject.Input).AddSeconds(5));

        var build = sealedProject.Project.Build("_CrossUpToDateInputs");

        AssertMustBuild(build);
    }

    [TestMethod]
    public void A_whole_second_input_whose_content_changed_under_the_same_time_makes_CrossBuild_run()
    {
        using var sealedProject = SealedProject.Create(hashInput: true);
        var unchanged = sealedProject.Project.Build("_CrossUpToDateInputs");
        Assert.IsTrue(unchanged.Succeeded, unchanged.Log);
        Assert.AreEqual("", unchanged.Property("_CrossMustBuild"), "out of date before the change: the hash in the proof does not match");

        var time = File.GetLastWriteTimeUtc(sealedProject.Input);
        File.WriteAllText(sealedProject.Input, "int answer(void) { return 24; }\n");
        File.SetLastWriteTimeUtc(sealedProject.Input, time);
        var build = sealedProject.Project.Build("_CrossUpToDateInputs");

        AssertMustBuild(build);
    }

    [TestMethod]
    public void A_stamp_that_does_not_hold_the_seal_makes_CrossBuild_run()
    {
        using var sealedProject = SealedProject.Create();
        File.WriteAllText(sealedProject.StampFile, "edited by hand\n");

        var build = sealedProject.Project.Build("_CrossUpToDateInputs");

        Assert.AreEqual("false", build.Property("_CrossSealed"));
        AssertMustBuild(build);
    }

    private static void AssertMustBuild(InProcessBuild build)
    {
        Assert.IsTrue(build.Succeeded, build.Log);
        Assert.AreEqual("true", build.Property("_CrossMustBuild"));
        // CrossBuild runs because one of its inputs never exists.
        var missing = InProcessBuild.InputsOf(build.Instance, "CrossBuild").Where(i => i.EndsWith(MissingInput, StringComparison.Ordinal)).ToList();
        Assert.HasCount(1, missing, "CrossBuild has no input that never exists");
        Assert.IsFalse(File.Exists(missing[0]), "the input that forces CrossBuild exists");
    }
}
