namespace CrossSdk.Incremental;

/// <summary>
/// The content of an <see cref="InputSet"/> and of the declared inputs (CrossInput, overlays), as
/// lines of the up-to-date key, and their working-tree state as MSBuild's check records it.
/// </summary>
/// <remarks>
/// Right after an evaluation the key is taken from Nix's own copies of the sources it copied
/// (<see cref="InputRoot.StorePath"/>): they are what Nix built from, whatever happens to the
/// working tree meanwhile. Before one, from the working tree. The two give the same lines for
/// the same content, so an unchanged tree is up to date and an edit made while Nix was building
/// is seen by the next build.
/// </remarks>
internal sealed record InputDigest(IReadOnlyList<string> KeyLines, IReadOnlyList<ProofEntry> Entries)
{
    /// <param name="inputs">What the last evaluation read; null when no build recorded it (the key then matches nothing).</param>
    /// <param name="declared">CrossInput items and overlay files: followed through links, keyed by content.</param>
    /// <param name="fromSnapshots">Key the sources Nix copied by its copies (right after an evaluation).</param>
    /// <param name="project">The project's folder: links above it (a home folder reached through one) switch the whole project, not an input.</param>
    public static InputDigest Of(InputSet? inputs, IReadOnlyList<string> declared, bool fromSnapshots, string? project = null)
    {
        var lines = new List<string>();
        var entries = new List<ProofEntry>();
        if (inputs is null)
        {
            lines.Add("inputs unknown: no build has recorded what Nix read");
        }
        else
        {
            foreach (var root in inputs.Roots)
            {
                var skip = inputs.SkippedBelow(root.Path);
                var copied = root.StorePath is not null;
                // A source Nix copied is keyed in full, as Nix hashed it; a folder a literal names, without .git's insides.
                var working = InputWalk.Walk(root.Path, follow: false, skip, copied ? null : InputSet.OpaqueFolders);
                var snapshot = fromSnapshots && copied && Exists(root.StorePath!) ? InputWalk.Walk(root.StorePath!, follow: false, skip) : null;
                var keyed = Describe(snapshot ?? working, out var hashes);
                lines.AddRange(keyed.Select(l => $"read {root.Path} {l}"));
                entries.AddRange(working.Select(e => ToProof(e, hashes)));
            }

            lines.AddRange(inputs.Absent.Select(a => $"absent {a} {(Exists(a) ? "present" : "missing")}"));
            entries.AddRange(inputs.Absent.Select(a => new ProofEntry(a, false, File.GetLastWriteTime(a).Ticks)));
        }

        foreach (var input in declared.Distinct(StringComparer.Ordinal))
        {
            var walked = InputWalk.Walk(input, follow: true);
            if (walked.Count == 0)
            {
                // A missing file has the time of none; MSBuild sees it appear as a time that differs.
                lines.Add($"input {input} missing");
                entries.Add(new ProofEntry(input, false, File.GetLastWriteTime(input).Ticks));
                continue;
            }

            lines.AddRange(Describe(walked, out var hashes).Select(l => $"input {input} {l}"));
            entries.AddRange(walked.Select(e => ToProof(e, hashes)));
        }

        // A symbolic link on the way to an input (`linked -> linked-a`) can be switched to
        // another target whose files have the same times (written in the same clock tick): the
        // folder holding the link gets a new time when it is switched.
        // (Inside a root, a switched link changes the time of its folder, which is an entry already.)
        var roots = (inputs?.Roots.Select(r => r.Path) ?? []).Concat(inputs?.Absent ?? []).Concat(declared);
        entries.AddRange(roots.SelectMany(LinkFolders).Where(f => project is null || !InputSet.IsUnder(project, f)).Distinct(StringComparer.Ordinal).Select(f => new ProofEntry(f, true, Directory.GetLastWriteTime(f).Ticks)));
        return new InputDigest(lines, entries);
    }

    /// <summary>The folders that hold a symbolic link on the path (the path itself included).</summary>
    private static IEnumerable<string> LinkFolders(string path)
    {
        for (var part = path; Path.GetDirectoryName(part) is { } parent; part = parent)
        {
            if (new FileInfo(part).LinkTarget is not null)
            {
                yield return parent;
            }
        }
    }

    /// <summary>Each entry as a key line: its relative path, kind and content (a file's SHA-256 and executable bit, a link's target).</summary>
    private static List<string> Describe(List<InputWalk.Entry> walked, out Dictionary<string, string> hashes)
    {
        hashes = new Dictionary<string, string>(StringComparer.Ordinal);
        var lines = new List<string>(walked.Count);
        foreach (var entry in walked)
        {
            switch (entry.Type)
            {
                case InputWalk.Kind.Directory:
                    lines.Add($"{entry.Relative} dir");
                    break;
                case InputWalk.Kind.Link:
                    lines.Add($"{entry.Relative} link {entry.LinkTarget}");
                    break;
                default:
                    var hash = Hash(entry.Path);
                    hashes[entry.Relative] = hash;
                    lines.Add($"{entry.Relative} file {hash}{(entry.Executable ? " executable" : "")}");
                    break;
            }
        }

        return lines;
    }

    /// <summary>
    /// The proof's record of a working-tree entry: a file with a whole-second time carries the
    /// hash the key saw (a file Nix's copy lacks gets one no file has, so MSBuild runs the task).
    /// </summary>
    private static ProofEntry ToProof(InputWalk.Entry entry, IReadOnlyDictionary<string, string> keyed) =>
        entry.Type == InputWalk.Kind.Directory
            ? new ProofEntry(entry.Path, true, entry.Ticks)
            // A link has its target's time and no hash of its own: re-pointing it changes its folder's time.
            : new ProofEntry(entry.Path, false, entry.Ticks, entry.Type == InputWalk.Kind.File && ProofEntry.IsWeak(entry.Ticks) ? keyed.GetValueOrDefault(entry.Relative, "not-in-the-copy-nix-built-from") : null);

    private static bool Exists(string path) => File.Exists(path) || Directory.Exists(path) || new FileInfo(path).LinkTarget is not null;

    private const string EmptySha256 = "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855";

    private static string Hash(string path)
    {
        try
        {
            // An empty file needs no reading; and a device or a FIFO (size 0) must not be read at
            // all: reading /dev/console waits for a terminal (Nix refuses to copy such files anyway).
            return new FileInfo(path).Length == 0 ? EmptySha256 : Artifacts.FileHash.Sha256(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nix will say why when it reads the file; the key only needs to differ from a readable one.
            return "unreadable-" + ex.GetType().Name;
        }
    }
}
