namespace CrossSdk.Tests.Infrastructure;

/// <summary>Paths in the CrossSdk repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string OfflineNixpkgs => Path.Combine(Root, "tests", "nixpkgs");

    public static string Samples => Path.Combine(Root, "samples");

    /// <summary>
    /// CrossSdk's targets as one document: sdk/build/CrossSdk.targets and the file of each concern
    /// it imports (CrossSdk.Build.targets, CrossSdk.Run.targets...), so a test that reads a target
    /// by its text finds it whichever file holds it.
    /// </summary>
    public static System.Xml.Linq.XDocument SdkTargets() =>
        new(new System.Xml.Linq.XElement("Project",
            Directory.GetFiles(Path.Combine(Root, "sdk", "build"), "*.targets")
                .Order(StringComparer.Ordinal)
                .SelectMany(f => System.Xml.Linq.XDocument.Load(f).Root!.Elements())));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossSdk.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No CrossSdk.sln above {AppContext.BaseDirectory}.");
    }
}
