using System.Text.Json.Nodes;
using CrossSdk.Artifacts;

namespace CrossSdk.Tests.Unit;

[TestClass]
public sealed class DepsFileRuntimeTargetsTests
{
    private const string Deps = """
        {
          "runtimeTarget": { "name": ".NETCoreApp,Version=v10.0", "signature": "" },
          "targets": {
            ".NETCoreApp,Version=v10.0": {
              "HelloNative/1.0.0": { "dependencies": { "Greet": "1.0.0" }, "runtime": { "HelloNative.dll": {} } },
              "Greet/1.0.0": { "runtime": { "Greet.dll": {} } }
            }
          },
          "libraries": {}
        }
        """;

    [TestMethod]
    public void Lists_native_files_under_the_project_entry()
    {
        var updated = DepsFileRuntimeTargets.Apply(Deps, "HelloNative/1.0.0", ["runtimes/linux-arm64/native/libgreet.so", "runtimes/linux-x64/native/libgreet.so", "Greet.dll"])!;

        var entry = JsonNode.Parse(updated)!["targets"]![".NETCoreApp,Version=v10.0"]!["HelloNative/1.0.0"]!;
        Assert.AreEqual("linux-arm64", entry["runtimeTargets"]!["runtimes/linux-arm64/native/libgreet.so"]!["rid"]!.GetValue<string>());
        Assert.AreEqual("native", entry["runtimeTargets"]!["runtimes/linux-x64/native/libgreet.so"]!["assetType"]!.GetValue<string>());
        Assert.AreEqual(2, entry["runtimeTargets"]!.AsObject().Count);
        Assert.IsNotNull(entry["runtime"], "the rest of the entry is kept");
    }

    [TestMethod]
    public void Applying_twice_changes_nothing_the_second_time()
    {
        var once = DepsFileRuntimeTargets.Apply(Deps, "HelloNative/1.0.0", ["runtimes/linux-x64/native/libgreet.so"])!;
        Assert.IsNull(DepsFileRuntimeTargets.Apply(once, "HelloNative/1.0.0", ["runtimes/linux-x64/native/libgreet.so"]));
    }

    [TestMethod]
    public void Files_that_are_gone_leave_the_list()
    {
        var once = DepsFileRuntimeTargets.Apply(Deps, "HelloNative/1.0.0", ["runtimes/linux-x64/native/libgreet.so"])!;
        var none = DepsFileRuntimeTargets.Apply(once, "HelloNative/1.0.0", [])!;
        Assert.IsNull(JsonNode.Parse(none)!["targets"]![".NETCoreApp,Version=v10.0"]!["HelloNative/1.0.0"]!["runtimeTargets"]);
        Assert.IsNull(DepsFileRuntimeTargets.Apply(Deps, "HelloNative/1.0.0", []), "nothing to add, nothing written");
    }

    [TestMethod]
    public void A_missing_project_entry_is_reported() =>
        Assert.ThrowsExactly<InvalidDataException>(() => DepsFileRuntimeTargets.Apply(Deps, "Other/1.0.0", ["runtimes/linux-x64/native/a.so"]));
}
