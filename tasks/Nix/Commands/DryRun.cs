using System.Text.RegularExpressions;
using CrossSdk.Planning;

namespace CrossSdk.Nix.Commands;

/// <summary>
/// Reads what `nix build --dry-run` says it would do: "this derivation will be built:",
/// "these N derivations will be built:", "these N paths will be fetched (X MiB download, ...):",
/// each followed by one store path a line.
/// </summary>
internal partial class DryRun
{
    public static CostEstimate Parse(IEnumerable<string> messages)
    {
        int built = 0, fetched = 0;
        var section = 0; // 1 = built, 2 = fetched
        foreach (var message in messages)
        {
            foreach (var raw in message.Split('\n'))
            {
                var line = raw.Trim();
                if (BuiltHeader().IsMatch(line))
                {
                    section = 1;
                }
                else if (FetchedHeader().IsMatch(line))
                {
                    section = 2;
                }
                else if (line.StartsWith('/'))
                {
                    if (section == 1)
                    {
                        built++;
                    }
                    else if (section == 2)
                    {
                        fetched++;
                    }
                }
                else if (line.Length > 0)
                {
                    section = 0;
                }
            }
        }

        return new CostEstimate(built, fetched);
    }

    /// <summary>The .drv paths listed under "will be built:", in order.</summary>
    public static IReadOnlyList<string> DerivationsToBuild(IEnumerable<string> messages)
    {
        var paths = new List<string>();
        var building = false;
        foreach (var line in messages.SelectMany(m => m.Split('\n')).Select(l => l.Trim()))
        {
            if (BuiltHeader().IsMatch(line) || FetchedHeader().IsMatch(line))
            {
                building = BuiltHeader().IsMatch(line);
            }
            else if (line.StartsWith('/'))
            {
                if (building)
                {
                    paths.Add(line);
                }
            }
            else if (line.Length > 0)
            {
                building = false;
            }
        }

        return paths;
    }

    [GeneratedRegex(@"^(this derivation|these \d+ derivations) will be built:$")]
    private static partial Regex BuiltHeader();

    [GeneratedRegex(@"^(this path|these \d+ paths) will be fetched")]
    private static partial Regex FetchedHeader();
}
