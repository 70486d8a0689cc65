using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossSdk.Planning;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// MSBuild skips CrossBuild when settings.txt did not change: every setting and item metadata
/// the tasks read must be written there, or changing it would not rebuild.
/// </summary>
[TestClass]
public sealed class UpToDateSettingsTests
{
    private static string SettingsLines()
    {
        var targets = Repo.SdkTargets();
        // The lines are made in _CrossSettingsLines and written to settings.txt in _CrossUpToDateInputs.
        var target = new XElement("Targets", targets.Descendants("Target").Where(t => (string?)t.Attribute("Name") is "_CrossSettingsLines" or "_CrossUpToDateInputs"));
        // The settings that can hold a URL credential are written as one hash of them.
        return string.Join("\n", target.Descendants("_CrossSettingsLine").Select(e => (string?)e.Attribute("Include")))
            + string.Join("\n", target.Descendants("WriteLinesToFile").Select(e => (string?)e.Attribute("Lines")))
            + string.Join("\n", target.Descendants().Where(e => e.Name.LocalName is "_CrossCredentialSettingsHash").Select(e => e.Value).Concat(target.Descendants("Hash").Select(e => (string?)e.Attribute("ItemsToHash") ?? "")));
    }

    [TestMethod]
    public void Every_metadata_of_the_settings_item_is_written_to_the_settings_file()
    {
        var targets = Repo.SdkTargets();
        var settings = targets.Descendants("_CrossSettings").Single(e => e.Attribute("Include") is not null);
        var lines = SettingsLines();

        var names = settings.Attributes().Select(a => a.Name.LocalName).Where(n => n is not "Include").ToList();
        Assert.IsTrue(names.Count > 10, "the settings item was found");
        foreach (var name in names)
        {
            StringAssert.Contains(lines, $"%({name})", $"the setting {name} is not in settings.txt: changing it would not rebuild");
        }
    }

    [TestMethod]
    public void Every_item_metadata_the_tasks_read_is_written_to_the_settings_file()
    {
        var lines = SettingsLines();
        // CrossBuild's request is made in CrossTaskBase (the metadata of its item parameters).
        var read = new[] { "CrossTaskBase.cs", "CrossBuildPackages.cs" }.Select(f => Path.Combine(Repo.Root, "tasks", "MSBuild", f))
            .SelectMany(f => Regex.Matches(File.ReadAllText(f), "(?:GetMetadata|TargetMetadata)\\(\"([A-Za-z]+)\"\\)").Select(m => m.Groups[1].Value))
            .Distinct()
            .Where(name => name is not ("FullPath" or "TargetPath"))
            .ToList();

        Assert.IsTrue(read.Contains("Strategy") && read.Contains("Outputs") && read.Contains("Nixpkgs"), "the tasks' metadata were found");
        foreach (var name in read)
        {
            StringAssert.Contains(lines, $"%({name})", $"the item metadata {name} is not in settings.txt: changing it would not rebuild");
        }
    }

    [TestMethod]
    public void Every_property_CrossBuild_passes_its_task_is_written_to_the_settings_file()
    {
        var targets = Repo.SdkTargets();
        var task = targets.Descendants("CrossBuildPackages").Single();
        var lines = SettingsLines();
        // Cannot change what is built: how long to wait for Nix to stop, and for the lock.
        string[] notKeyed = ["NixKillTimeoutSeconds", "LockTimeoutSeconds"];

        foreach (var parameter in task.Attributes().Where(a => a.Value.StartsWith("$(", StringComparison.Ordinal) && !notKeyed.Contains(a.Name.LocalName)))
        {
            StringAssert.Contains(lines, parameter.Value, $"CrossBuildPackages's {parameter.Name.LocalName} is not in settings.txt: changing it would not rebuild");
        }
    }
}
