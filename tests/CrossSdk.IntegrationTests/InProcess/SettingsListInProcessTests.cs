namespace CrossSdk.Tests.Integration.InProcess;

/// <summary>
/// The settings list (_CrossResolveSettings in CrossSdk.Settings.targets) and settings.txt written
/// from it (_CrossUpToDateInputs in CrossSdk.UpToDate.targets), from the real targets run in-process.
/// </summary>
[TestClass]
[TestCategory("InProcessMSBuild")]
public sealed class SettingsListInProcessTests
{
    private const string Secret = "hunter2-in-process";

    private const string Body = $"""
        <PropertyGroup>
          <CrossUpToDateMaxFiles>123</CrossUpToDateMaxFiles>
          <CrossLockTimeout>77</CrossLockTimeout>
          <CrossCacheUpload>https://user:{Secret}@cache.example/store</CrossCacheUpload>
        </PropertyGroup>
        """;

    [TestMethod]
    public void The_settings_list_has_one_item_per_setting_with_the_value_of_its_property()
    {
        using var project = new SdkProject(Body);

        var build = project.Build("_CrossResolveSettings");

        Assert.IsTrue(build.Succeeded, build.Log);
        var settings = build.Instance.GetItems("_CrossSetting").ToList();
        var names = settings.Select(s => s.EvaluatedInclude).ToList();
        CollectionAssert.AllItemsAreUnique(names);
        var byName = settings.ToDictionary(s => s.EvaluatedInclude, StringComparer.Ordinal);
        Assert.AreEqual("123", byName["UpToDateMaxFiles"].GetMetadataValue("Value"));
        Assert.AreEqual("77", byName["LockTimeout"].GetMetadataValue("Value"));
        Assert.AreEqual("false", byName["LockTimeout"].GetMetadataValue("Keyed"));
        Assert.AreEqual(project.Directory, byName["ProjectDirectory"].GetMetadataValue("Value"));
        // A setting that can hold a credential is in the list by name only: MSBuild logs items.
        Assert.AreEqual("true", byName["CacheUpload"].GetMetadataValue("Secret"));
        Assert.AreEqual("", byName["CacheUpload"].GetMetadataValue("Value"));
    }

    [TestMethod]
    public void Settings_txt_holds_every_keyed_setting_of_the_list_and_neither_a_secret_nor_an_unkeyed_one()
    {
        using var project = new SdkProject(Body);

        var build = project.Build("_CrossUpToDateInputs");

        Assert.IsTrue(build.Succeeded, build.Log);
        var file = Path.Combine(project.CrossFolder, "settings.txt");
        Assert.IsTrue(File.Exists(file), $"{file} was not written");
        var lines = File.ReadAllLines(file);
        var keyed = build.Instance.GetItems("_CrossSetting").Where(s => s.GetMetadataValue("Keyed") != "false").ToList();
        Assert.IsNotEmpty(keyed);
        foreach (var setting in keyed)
        {
            // MSBuild on Unix writes a path's '\\' (the .NET SDK's obj\\) as '/'.
            CollectionAssert.Contains(lines, $"setting|{setting.EvaluatedInclude}|{setting.GetMetadataValue("Value").Replace('\\', '/')}", string.Join("\n", lines));
        }

        CollectionAssert.Contains(lines, "setting|UpToDateMaxFiles|123");
        Assert.IsFalse(lines.Any(l => l.StartsWith("setting|LockTimeout|", StringComparison.Ordinal)), "an unkeyed setting (a timeout) is in settings.txt");
        Assert.IsTrue(lines.Any(l => l.StartsWith("credentials|", StringComparison.Ordinal)), "no hash of the secret settings");
        Assert.IsFalse(File.ReadAllText(file).Contains(Secret, StringComparison.Ordinal), "settings.txt holds a credential");
    }
}
