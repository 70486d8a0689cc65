using System.Text.RegularExpressions;
using System.Xml.Linq;
using CrossSdk.Doctor;
using CrossSdk.Settings;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// The settings list (the _CrossSetting items of CrossSdk's targets) and the request's setting
/// fields are the same names; a setting that can hold a credential has no value in the list
/// (MSBuild logs items) and reaches every task that needs it through the unlogged SecretSettings.
/// </summary>
[TestClass]
public sealed partial class SettingsListTests
{
    private static List<XElement> TargetsElements() =>
        Directory.GetFiles(Path.Combine(Repo.Root, "sdk", "build"), "*.targets", SearchOption.AllDirectories)
            .SelectMany(f => XDocument.Load(f).Descendants())
            .ToList();

    private static List<XElement> List() =>
        TargetsElements().Where(e => e.Name.LocalName == "_CrossSetting" && e.Attribute("Include") is not null).ToList();

    [TestMethod]
    public void Every_setting_field_of_the_request_has_one_item_in_the_list_and_every_item_a_field()
    {
        var names = List().Select(e => (string)e.Attribute("Include")!).ToList();

        Assert.IsGreaterThan(20, names.Count, "the list was found");
        CollectionAssert.AllItemsAreUnique(names);
        CollectionAssert.AreEquivalent(SettingsParser.Fields.Keys.ToList(), names);
    }

    [TestMethod]
    public void A_setting_that_can_hold_a_credential_is_listed_by_name_only_and_every_other_with_its_value()
    {
        foreach (var item in List())
        {
            var name = (string)item.Attribute("Include")!;
            var secret = SettingsParser.Fields[name].Setting.Secret;
            Assert.AreEqual(secret, (string?)item.Attribute("Secret") == "true", $"{name}: Secret=\"true\" in the list exactly when its field is [Setting(Secret = true)]");
            Assert.AreEqual(!secret, item.Attribute("Value") is not null, $"{name}: a value in the list exactly when it cannot hold a credential (MSBuild logs items)");
        }
    }

    [TestMethod]
    public void Every_task_that_reads_the_secret_settings_gets_them_all_unlogged()
    {
        var elements = TargetsElements();
        var secrets = SettingsParser.Fields.Where(f => f.Value.Setting.Secret).ToList();
        var tasks = elements.Where(e => e.Attribute("SecretSettings") is not null).ToList();
        var unlogged = elements.Where(e => e.Name.LocalName.StartsWith("DisableLogTaskParameter_", StringComparison.Ordinal) && e.Value.Trim() == "true")
            .Select(e => e.Name.LocalName).ToHashSet(StringComparer.Ordinal);

        Assert.IsGreaterThanOrEqualTo(3, tasks.Count, "CrossBuild, CrossPlan and CrossDoctor get them");
        Assert.IsGreaterThanOrEqualTo(5, secrets.Count);
        foreach (var task in tasks)
        {
            var value = (string)task.Attribute("SecretSettings")!;
            foreach (var (name, field) in secrets)
            {
                StringAssert.Contains(value, $"{name}=$([MSBuild]::Escape('$({field.Setting.Property})'))", $"{task.Name.LocalName} lacks the secret setting {name} (escaped, so a ';' stays in its value)");
            }

            Assert.AreEqual(secrets.Count, value.Split(';').Length, $"{task.Name.LocalName}'s SecretSettings holds only the secret settings");
            Assert.Contains($"DisableLogTaskParameter_{task.Name.LocalName}_SecretSettings", unlogged, $"{task.Name.LocalName}'s SecretSettings would be logged");
            Assert.AreEqual("@(_CrossSetting)", (string?)task.Attribute("Settings"), $"{task.Name.LocalName} gets the settings list too");
        }
    }

    [TestMethod]
    public void The_settings_file_hashes_every_secret_setting()
    {
        var hash = string.Join("\n", TargetsElements().Where(e => e.Name.LocalName == "_CrossCredentialSettingsHash").Select(e => e.Value));

        foreach (var (name, field) in SettingsParser.Fields.Where(f => f.Value.Setting.Secret))
        {
            StringAssert.Contains(hash, $"$({field.Setting.Property})", $"{name} is not in settings.txt's credential hash: changing it would not rebuild");
        }
    }

    [TestMethod]
    public void Every_setting_names_the_property_it_comes_from_and_a_Cross_property_has_a_commented_default_in_the_props()
    {
        var props = XDocument.Load(Path.Combine(Repo.Root, "sdk", "build", "CrossSdk.props"));
        var defaults = props.Descendants().Where(e => e.Name.LocalName.StartsWith("Cross", StringComparison.Ordinal) && e.Parent?.Name.LocalName == "PropertyGroup").ToList();
        foreach (var item in List())
        {
            var name = (string)item.Attribute("Include")!;
            var property = SettingsParser.Fields[name].Setting.Property;
            if (item.Attribute("Value") is { } value)
            {
                StringAssert.Contains(value.Value, $"$({property})", $"the list's {name} is not the property its messages name, {property}");
            }

            if (!property.StartsWith("Cross", StringComparison.Ordinal))
            {
                continue;
            }

            var definition = defaults.FirstOrDefault(e => e.Name.LocalName == property);
            Assert.IsNotNull(definition, $"{property} has no overridable default in CrossSdk.props");
            StringAssert.Contains((string?)definition.Attribute("Condition") ?? "", $"'$({property})' == ''", $"{property}'s default in the props does not yield to a value set before it");
            Assert.IsTrue(HasComment(definition), $"{property} has no comment in CrossSdk.props");
        }
    }

    /// <summary>A comment right before the property, or before the one property it shares it with (CrossTarget and CrossTargets).</summary>
    private static bool HasComment(XElement property)
    {
        var elements = 0;
        for (var node = property.PreviousNode; node is not null; node = node.PreviousNode)
        {
            if (node is XComment)
            {
                return true;
            }

            if (node is XElement && ++elements > 1)
            {
                return false;
            }
        }

        return false;
    }
}
