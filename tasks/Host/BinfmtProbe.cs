namespace CrossSdk.Host;

/// <summary>Reads binfmt_misc. The folder is a parameter so tests can give one with no handlers (binfmt_misc is global to the machine: tests never toggle it).</summary>
internal static class BinfmtProbe
{
    public const string DefaultFolder = "/proc/sys/fs/binfmt_misc";

    public static BinfmtState Read(string folder = DefaultFolder)
    {
        if (!File.Exists(Path.Combine(folder, "status")))
        {
            return new BinfmtState(false, folder, []);
        }

        var handlers = new List<BinfmtHandler>();
        foreach (var file in Directory.EnumerateFiles(folder).OrderBy(f => f, StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            if (name is "status" or "register")
            {
                continue;
            }

            try
            {
                if (BinfmtHandler.Parse(name, File.ReadAllText(file)) is { } handler)
                {
                    handlers.Add(handler);
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or FormatException)
            {
                // An unreadable entry serves nothing we can rely on.
            }
        }

        return new BinfmtState(true, folder, handlers);
    }
}
