using CrossSdk.Diagnostics;
using CrossSdk.Settings;

namespace CrossSdk.Tests.Unit;

/// <summary>The one parser from the settings list (the _CrossSetting items and the unlogged secrets) to the request.</summary>
[TestClass]
public sealed class SettingsParserTests
{
    private static readonly CrossBuildRequest NoItems = new() { ProjectDirectory = "", IntermediateDirectory = "", CrossSdkVersion = "1.0.0" };

    private static CrossBuildRequest Parse(params (string Name, string Value)[] settings) => Parse(settings, []);

    private static CrossBuildRequest Parse((string Name, string Value)[] settings, (string Name, string Value)[] secrets, CrossBuildRequest? items = null) =>
        SettingsParser.Parse(items ?? NoItems, [("ProjectDirectory", "/src/app"), ("IntermediateDirectory", "obj/cross/"), .. settings], secrets);

    [TestMethod]
    public void Each_setting_sets_the_request_field_of_its_name_parsed_by_the_field_s_type()
    {
        var request = Parse(
            ("Strategy", "cross"),
            ("EmulationSlowdown", "2.5"),
            ("LockTimeout", "0"),
            ("NixKillTimeout", "3"),
            ("UpToDateMaxFiles", "12"),
            ("CacheUploadRequired", "true"),
            ("RunIcu", "false"),
            ("TrustedPublicKeys", "a:1; b:2\nc:3"),
            ("AotRid", "linux-arm64"));

        Assert.AreEqual("cross", request.Strategy);
        Assert.AreEqual(2.5, request.EmulationSlowdown);
        Assert.AreEqual(TimeSpan.Zero, request.LockTimeout);
        Assert.AreEqual(TimeSpan.FromSeconds(3), request.NixKillTimeout);
        Assert.AreEqual(12, request.UpToDateMaxFiles);
        Assert.IsTrue(request.CacheUploadRequired);
        Assert.IsFalse(request.RunIcu);
        CollectionAssert.AreEqual(new[] { "a:1", "b:2", "c:3" }, request.TrustedPublicKeys.ToArray());
        Assert.AreEqual("linux-arm64", request.AotRid);
    }

    [TestMethod]
    public void An_empty_value_leaves_the_field_s_default()
    {
        var request = Parse(("NixExecutable", ""), ("UpToDateMaxFiles", " "), ("RunIcu", ""), ("Compiler", ""));

        Assert.AreEqual("nix", request.NixExecutable);
        Assert.AreEqual(5000, request.UpToDateMaxFiles);
        Assert.IsTrue(request.RunIcu);
        Assert.IsNull(request.Compiler);
    }

    [TestMethod]
    public void A_name_no_field_has_is_CROSS0131_naming_it_not_ignored()
    {
        var error = Assert.ThrowsExactly<CrossException>(() => Parse(("CacheUplaod", "s3://cache")));

        Assert.AreEqual(DiagnosticCodes.UnknownSetting, error.Code);
        StringAssert.Contains(error.Message, "'CacheUplaod'");
        StringAssert.Contains(error.Message, "CacheUpload", "the known names are listed");
    }

    [TestMethod]
    public void A_name_given_twice_is_CROSS0131()
    {
        var error = Assert.ThrowsExactly<CrossException>(() => Parse(("Strategy", "cross"), ("Strategy", "emulated")));

        Assert.AreEqual(DiagnosticCodes.UnknownSetting, error.Code);
        StringAssert.Contains(error.Message, "twice");
    }

    [TestMethod]
    public void A_setting_that_can_hold_a_credential_is_CROSS0132_when_it_comes_as_a_logged_item()
    {
        var error = Assert.ThrowsExactly<CrossException>(() => Parse(("CacheUpload", "https://user:pw@cache")));

        Assert.AreEqual(DiagnosticCodes.SecretSettingLogged, error.Code);
        StringAssert.Contains(error.Message, "CrossCacheUpload");
        Assert.IsFalse(error.Message.Contains("pw", StringComparison.Ordinal), "the value itself is not repeated");
    }

    [TestMethod]
    public void The_list_names_a_setting_that_can_hold_a_credential_without_a_value_and_the_secret_parameter_gives_it()
    {
        var request = Parse([("CacheUpload", "")], [("CacheUpload", "file:///srv/cache")]);

        Assert.AreEqual("file:///srv/cache", request.CacheUpload);
    }

    [TestMethod]
    public void The_settings_that_can_hold_a_credential_come_from_the_secret_parameter()
    {
        var request = Parse(
            [("TrustedPublicKeys", "k:1")],
            [("CacheUpload", " https://user:pw@cache "), ("Substituters", "https://a;https://b"), ("Builders", "ssh://b x86_64-linux"), ("NixOptionsText", "-j;4"), ("Nixpkgs", "../nixpkgs")],
            NoItems with { NixOptions = ["--option", "cores", "2"] });

        Assert.AreEqual("https://user:pw@cache", request.CacheUpload);
        Assert.AreEqual("../nixpkgs", request.Nixpkgs);
        // The caches and builders first, then CrossNixOptions, then CrossNixArgument items: the user's own win.
        CollectionAssert.AreEqual(
            new[] { "--option", "extra-substituters", "https://a https://b", "--option", "extra-trusted-public-keys", "k:1", "--builders", "ssh://b x86_64-linux", "-j", "4", "--option", "cores", "2" },
            request.NixOptions.ToArray());
    }

    [TestMethod]
    [DataRow("UpToDateMaxFiles", "many", "CrossUpToDateMaxFiles 'many' is not a whole number of 0 or more (the default is 5000)")]
    [DataRow("UpToDateMaxFiles", "-1", "CrossUpToDateMaxFiles '-1' is not a whole number of 0 or more")]
    [DataRow("NixKillTimeout", "1.5", "CrossNixKillTimeout '1.5' is not a whole number of seconds of 0 or more (the default is 10)")]
    [DataRow("CacheUploadRequired", "maybe", "CrossCacheUploadRequired 'maybe' is not true or false (the default is false)")]
    [DataRow("RunIcu", "2", "_CrossRunIcu '2' is not true or false")]
    public void A_value_its_field_cannot_take_is_CROSS0130_naming_the_property_and_its_default(string name, string value, string message)
    {
        var error = Assert.ThrowsExactly<CrossException>(() => Parse((name, value)));

        Assert.AreEqual(DiagnosticCodes.InvalidSetting, error.Code);
        StringAssert.Contains(error.Message, message);
    }

    [TestMethod]
    public void The_settings_with_codes_of_their_own_keep_them()
    {
        Assert.AreEqual(DiagnosticCodes.InvalidLockTimeout, Assert.ThrowsExactly<CrossException>(() => Parse(("LockTimeout", "-5"))).Code);
        var slowdown = Assert.ThrowsExactly<CrossException>(() => Parse(("EmulationSlowdown", "0")));
        Assert.AreEqual(DiagnosticCodes.InvalidEmulationSlowdown, slowdown.Code);
        StringAssert.Contains(slowdown.Message, "CrossEmulationSlowdown '0' is not a positive number (the default is 16)");
    }

    [TestMethod]
    [DataRow("true", true)]
    [DataRow("TRUE", true)]
    [DataRow("on", true)]
    [DataRow("yes", true)]
    [DataRow("!false", true)]
    [DataRow("false", false)]
    [DataRow("Off", false)]
    [DataRow("no", false)]
    public void A_boolean_takes_MSBuild_s_spellings(string value, bool expected) =>
        Assert.AreEqual(expected, Parse(("CacheUploadRequired", value)).CacheUploadRequired);

    [TestMethod]
    public void Paths_are_made_full_from_the_project_folder_and_the_targets_join_the_CrossTarget_items()
    {
        var request = Parse(
            [("Targets", "aarch64-linux;riscv64-linux,x86_64-windows"), ("CacheSigningKeyFile", "keys/cache.sec"), ("BuildOutputFolders", @"bin\;obj/;obj/;/elsewhere/out/")],
            [],
            NoItems with { Targets = ["armv7l-linux"] });

        Assert.AreEqual("/src/app/obj/cross/", request.IntermediateDirectory);
        Assert.AreEqual("app", request.ProjectName);
        Assert.AreEqual("/src/app/keys/cache.sec", request.CacheSigningKeyFile);
        CollectionAssert.AreEqual(new[] { "aarch64-linux", "riscv64-linux", "x86_64-windows", "armv7l-linux" }, request.Targets.ToArray());
        CollectionAssert.AreEqual(new[] { "/src/app/bin", "/src/app/obj", "/elsewhere/out" }, request.BuildOutputFolders.ToArray());
    }
}
