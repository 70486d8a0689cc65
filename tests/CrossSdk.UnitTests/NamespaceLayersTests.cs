using System.Text.RegularExpressions;
using CrossSdk.Tests.Infrastructure;

namespace CrossSdk.Tests.Unit;

/// <summary>
/// The rooms of tasks/ depend on each other one way only (docs/developing.md): a namespace that
/// uses another which uses it back is two rooms that are really one, or a type in the wrong room.
/// </summary>
[TestClass]
public sealed partial class NamespaceLayersTests
{
    [TestMethod]
    public void No_namespace_of_the_task_assembly_depends_on_itself_through_others()
    {
        var uses = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "tasks"), "*.cs", SearchOption.AllDirectories)
                     .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            var text = File.ReadAllText(file);
            if (Namespace().Match(text) is not { Success: true } own)
            {
                continue;
            }

            var set = uses.TryGetValue(own.Groups[1].Value, out var known) ? known : uses[own.Groups[1].Value] = new(StringComparer.Ordinal);
            set.UnionWith(Using().Matches(text).Select(m => m.Groups[1].Value).Where(u => u != own.Groups[1].Value));
        }

        var cycles = new List<string>();
        var state = new Dictionary<string, bool>(StringComparer.Ordinal); // false: on the path, true: done
        var path = new List<string>();
        void Visit(string name)
        {
            state[name] = false;
            path.Add(name);
            foreach (var next in uses.GetValueOrDefault(name, []))
            {
                if (!state.TryGetValue(next, out var done))
                {
                    Visit(next);
                }
                else if (!done)
                {
                    cycles.Add(string.Join(" -> ", path.Skip(path.IndexOf(next)).Append(next)));
                }
            }

            path.RemoveAt(path.Count - 1);
            state[name] = true;
        }

        foreach (var name in uses.Keys.Where(n => !state.ContainsKey(n)).ToList())
        {
            Visit(name);
        }

        Assert.IsTrue(uses.Count > 10, "the rooms were read");
        Assert.IsEmpty(cycles, string.Join("\n", cycles));
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^using (CrossSdk[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex Using();
}
