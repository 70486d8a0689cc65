using System.Text.Json;

namespace CrossSdk.Platforms;

/// <summary>
/// A .NET RID graph (the SDK's PortableRuntimeIdentifierGraph.json, or the full graph with
/// UseRidGraph): each RID with the RIDs it imports. Read from the file of the SDK in use, never
/// from a list of our own, so the fallbacks are the ones NuGet resolves with.
/// </summary>
internal sealed class RidGraph
{
    private readonly Dictionary<string, IReadOnlyList<string>> imports;

    private RidGraph(Dictionary<string, IReadOnlyList<string>> imports) => this.imports = imports;

    /// <summary>Every RID the graph names, in file order.</summary>
    public IEnumerable<string> Rids => imports.Keys;

    public static RidGraph Read(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        return Parse(document.RootElement, path);
    }

    public static RidGraph Parse(string json, string source)
    {
        using var document = JsonDocument.Parse(json);
        return Parse(document.RootElement, source);
    }

    private static RidGraph Parse(JsonElement root, string source)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("runtimes", out var runtimes) || runtimes.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{source} is not a RID graph: it has no \"runtimes\" object.");
        }

        var imports = new Dictionary<string, IReadOnlyList<string>>(StringComparer.OrdinalIgnoreCase);
        foreach (var runtime in runtimes.EnumerateObject())
        {
            var list = runtime.Value.ValueKind == JsonValueKind.Object && runtime.Value.TryGetProperty("#import", out var i) && i.ValueKind == JsonValueKind.Array
                ? i.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToList()
                : [];
            imports[runtime.Name] = list;
        }

        return new RidGraph(imports);
    }

    /// <summary>
    /// The RID and everything it falls back to, nearest first: breadth first over the imports,
    /// in their order, each RID once (NuGet's RuntimeGraph.ExpandRuntime). NuGet takes a
    /// package's native files from the first of these that has any.
    /// </summary>
    public IReadOnlyList<string> Expand(string rid)
    {
        var order = new List<string> { rid };
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { rid };
        var queue = new Queue<string>();
        queue.Enqueue(rid);
        while (queue.Count > 0)
        {
            foreach (var next in imports.TryGetValue(queue.Dequeue(), out var list) ? list : [])
            {
                if (seen.Add(next))
                {
                    order.Add(next);
                    queue.Enqueue(next);
                }
            }
        }

        return order;
    }

    /// <summary>
    /// The C library an app of this RID loads native files with, from where the graph puts it:
    /// under linux-musl (Alpine), under linux-bionic (Android), else under linux (glibc).
    /// Null for a RID outside Linux.
    /// </summary>
    public string? LinuxLibc(string rid)
    {
        var chain = Expand(rid);
        bool Has(string r) => chain.Contains(r, StringComparer.OrdinalIgnoreCase);
        return Has("linux-musl") ? "musl"
            : Has("linux-bionic") ? "bionic"
            : Has("linux") ? "glibc"
            : null;
    }

}
