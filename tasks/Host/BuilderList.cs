namespace CrossSdk.Host;

/// <summary>
/// Reads Nix's `builders` value: machine lines separated by newlines or ';', `@FILE` for a
/// machines file (Nix's default is `@/etc/nix/machines`), `#` comments. Pure but for reading
/// the files the value names.
/// </summary>
internal static class BuilderList
{
    public static IReadOnlyList<BuilderMachine> Parse(string? setting, Func<string, string?>? readFile = null)
    {
        readFile ??= ReadIfExists;
        var machines = new List<BuilderMachine>();
        foreach (var raw in (setting ?? "").Split(['\n', ';']))
        {
            var line = raw.Split('#')[0].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            if (line.StartsWith('@'))
            {
                // A missing machines file means no builders, as for Nix.
                if (readFile(line[1..].Trim()) is { } file)
                {
                    machines.AddRange(Parse(file, _ => null));
                }

                continue;
            }

            machines.Add(ParseLine(line));
        }

        return machines;
    }

    private static BuilderMachine ParseLine(string line)
    {
        var fields = line.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries);
        string? Field(int i) => i < fields.Length && fields[i] != "-" ? fields[i] : null;
        List<string> List(int i) => Field(i)?.Split(',', StringSplitOptions.RemoveEmptyEntries).ToList() ?? [];
        return new BuilderMachine(fields[0], List(1), List(5), List(6)) { SystemsGiven = Field(1) is not null };
    }

    private static string? ReadIfExists(string path)
    {
        try
        {
            return File.Exists(path) ? File.ReadAllText(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
