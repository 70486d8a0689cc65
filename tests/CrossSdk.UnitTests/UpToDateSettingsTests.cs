using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossSdk.Planning;
using CrossSdk.Settings;
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
    public void Every_setting_of_the_list_is_written_to_the_settings_file_but_those_the_key_leaves_out_too()
    {
        var targets = Repo.SdkTargets();
        var lines = SettingsLines();
        var line = targets.Descendants("_CrossSettingsLine").Single(e => ((string?)e.Attribute("Include"))?.StartsWith("@(_CrossSetting->", StringComparison.Ordinal) == true);

        Assert.AreEqual("@(_CrossSetting->'setting|%(Identity)|%(Value)')", (string?)line.Attribute("Include"), "every setting, by name and value");
        Assert.AreEqual("'%(_CrossSetting.Keyed)' != 'false'", (string?)line.Attribute("Condition"), "only Keyed=\"false\" is left out");
        StringAssert.Contains(lines, "@(_CrossSettingsLine)");
        var unkeyed = targets.Descendants("_CrossSetting").Where(e => (string?)e.Attribute("Keyed") == "false").Select(e => (string)e.Attribute("Include")!).ToList();
        CollectionAssert.AreEquivalent(new[] { "NixKillTimeout", "LockTimeout", "RunTarget" }, unkeyed);
        foreach (var name in unkeyed)
        {
            Assert.IsNotNull(typeof(CrossSdk.Settings.CrossBuildRequest).GetProperty(name)!.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonIgnoreAttribute), false).SingleOrDefault(), $"{name} is left out of settings.txt but not out of the up-to-date key: a change would rebuild only when the task runs anyway");
        }
    }

    [TestMethod]
    public void Every_item_metadata_the_tasks_read_is_written_to_the_settings_file()
    {
        var lines = SettingsLines();
        // CrossBuild's request is made in CrossSettingsTask and CrossTaskBase (the metadata of its item parameters).
        var read = new[] { "CrossSettingsTask.cs", "CrossTaskBase.cs", "CrossBuildPackages.cs" }.Select(f => Path.Combine(Repo.Root, "tasks", "MSBuild", f))
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
    public void CrossBuild_passes_its_task_the_settings_list_and_items_whose_every_metadata_is_in_the_settings_file()
    {
        var task = Repo.SdkTargets().Descendants("CrossBuildPackages").Single();
        var lines = SettingsLines();

        foreach (var parameter in task.Attributes())
        {
            if (parameter.Name.LocalName is "Settings" or "SecretSettings")
            {
                continue;
            }

            Assert.StartsWith("@(", parameter.Value, $"CrossBuildPackages's {parameter.Name.LocalName} is a setting of its own: make it a line of the settings list");
            StringAssert.Contains(lines, parameter.Value.TrimEnd(')'), $"CrossBuildPackages's {parameter.Name.LocalName} is not in settings.txt: changing it would not rebuild");
        }
    }
}
