namespace CrossSdk.Tests.Infrastructure;

/// <summary>Paths in the CrossSdk repository the tests run from.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string OfflineNixpkgs => Path.Combine(Root, "tests", "nixpkgs");

    public static string Samples => Path.Combine(Root, "samples");

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
