namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// The checked-in ELF files of tests/fixtures/elf (see its README for how each was made), so the
/// unit tests read real headers without starting a compiler.
/// </summary>
public static class ElfFixtures
{
    public static string Folder => Path.Combine(Repo.Root, "tests", "fixtures", "elf");

    /// <summary>Copies fixture <paramref name="name"/> into <paramref name="directory"/> as <paramref name="fileName"/> and returns the copy's path.</summary>
    public static string Copy(string name, string directory, string fileName)
    {
        var destination = Path.Combine(directory, fileName);
        File.Copy(Path.Combine(Folder, name), destination);
        return destination;
    }
}
