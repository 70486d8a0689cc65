using CrossSdk.Artifacts;
using CrossSdk.Nix.Expressions;

namespace CrossSdk.Incremental;

/// <summary>
/// What lets MSBuild itself skip CrossBuild on a no-op, so that the task assembly is not even
/// loaded (the way NativeAOT's targets let Inputs/Outputs decide what runs). Written by a build
/// that succeeded (obj/cross/up-to-date.txt), it names every file and folder the up-to-date key
/// covers (what Nix read, declared inputs, nixpkgs, the flake.lock that pins it) and every file
/// the build shipped, with their modification times as they were when the key read them.
/// CrossSdk.targets runs the task when a time differs in either direction (an edit, a copy with
/// an older time; a folder's time changes when an entry in it is added, removed or renamed), and
/// hashes the files whose recorded time is a whole second (<see cref="ProofEntry.IsWeak"/>),
/// since a copy can carry such a time over. The task's own key stays the judge whenever it runs.
/// </summary>
/// <remarks>
/// Some inputs have no file that stands for them: &lt;nixpkgs&gt; from NIX_PATH or a channel, a
/// nixpkgs folder reached through a symlink (switched to another folder with no file changing),
/// more entries than MSBuild should stat on every build, or an input that changed while Nix
/// built (its time is then no proof of what Nix read). Then <see cref="Unprovable"/> says why,
/// and MSBuild runs the task every time (which hashes the inputs and starts no nix process when
/// nothing changed).
/// </remarks>
internal sealed record UpToDateProof(IReadOnlyList<ProofEntry> Entries, string? Unprovable)
{
    /// <summary>obj/cross/up-to-date.txt: written by a build that succeeded, read by CrossSdk.targets.</summary>
    public const string FileName = "up-to-date.txt";

    /// <summary>More entries than this are not checked by MSBuild on every build: the task checks them.</summary>
    public const int MaxEntries = 5000;

    public static string PathIn(string intermediateDirectory) => Path.Combine(intermediateDirectory, FileName);

    /// <param name="nixpkgs">Each nixpkgs of the build, with the setting that named it (CrossNixpkgs, a target's Nixpkgs metadata).</param>
    /// <param name="inputs">The entries of what the key read (<see cref="InputDigest.Entries"/>).</param>
    /// <param name="walks">The walks the key's nixpkgs fingerprints were made from; null walks afresh (only as far as the limit).</param>
    public static UpToDateProof For(
        string projectDirectory,
        IReadOnlyList<(string? Setting, NixpkgsSource Source)> nixpkgs,
        IReadOnlyList<ProofEntry> inputs,
        NixpkgsWalks? walks = null)
    {
        var entries = new List<ProofEntry>(inputs);
        string? unprovable = null;
        var lockWalked = false;
        var trees = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (setting, source) in nixpkgs)
        {
            var named = setting?.Trim() ?? "";
            if (source.FromSearchPath)
            {
                unprovable ??= $"nixpkgs is {source.Description}: a channel or NIX_PATH can point elsewhere without any file changing";
            }
            else if (source.Path is { } folder)
            {
                if (Path.TrimEndingDirectorySeparator(Path.GetFullPath(Host.FlakeReferences.LocalPath(named) ?? named, projectDirectory)) != Path.TrimEndingDirectorySeparator(folder))
                {
                    unprovable ??= $"the nixpkgs folder '{named}' is reached through a symlink ({folder}), which can be switched to another folder with no file changing";
                }
                else if (!Portability.IsStorePath(folder) && trees.Add(folder))
                {
                    // Followed through links as Nix's imports follow them; a nixpkgs checkout's time
                    // fingerprint is what the key holds too (NixpkgsFingerprint), so no hashes here.
                    // A real checkout (40,000 files) is far over the limit: the walk stops there
                    // rather than list what the proof then declines to hold.
                    var walked = walks?.Of(folder) ?? InputWalk.Walk(folder, follow: true, opaque: InputSet.OpaqueFolders, limit: Math.Max(0, MaxEntries - entries.Count));
                    entries.AddRange(walked.Take(MaxEntries + 1).Select(e => new ProofEntry(e.Path, e.Type == InputWalk.Kind.Directory, e.Ticks)));
                }
            }
            else if ((named.Length == 0 || named.StartsWith(Host.NixpkgsLocator.FlakeLockInputPrefix, StringComparison.Ordinal)) && !lockWalked)
            {
                // nixpkgs from the nearest flake.lock: that file, and no nearer one appearing.
                lockWalked = true;
                for (var dir = projectDirectory; !string.IsNullOrEmpty(dir); dir = Path.GetDirectoryName(dir))
                {
                    var lockFile = Path.Combine(dir, Host.NixpkgsLocator.FlakeLockFileName);
                    entries.Add(new ProofEntry(lockFile, false, File.GetLastWriteTime(lockFile).Ticks));
                    if (File.Exists(lockFile))
                    {
                        break;
                    }
                }
            }
        }

        return new UpToDateProof(Distinct(entries), unprovable).Checked();
    }

    /// <summary>The same proof, for the files the build shipped too: one removed or edited in obj/cross/out runs the task.</summary>
    public UpToDateProof WithShipped(IEnumerable<string> files) =>
        new UpToDateProof(Distinct([.. Entries, .. files.Select(f => new ProofEntry(f, false, File.GetLastWriteTime(f).Ticks))]), Unprovable).Checked();

    /// <summary>No proof: MSBuild runs the task next time, and the task's key decides.</summary>
    public UpToDateProof Without(string reason) => this with { Unprovable = Unprovable ?? reason };

    /// <summary>The file's lines: kind (file, dir), time, hash or '-', path; tab-separated, four fields each.</summary>
    public string ToText() =>
        string.Concat(Entries.Select(e => $"{(e.IsDirectory ? "dir" : "file")}\t{e.Ticks}\t{e.Hash ?? "-"}\t{e.Path}\n"));

    private UpToDateProof Checked() =>
        Unprovable is not null ? this
        : Entries.Count > MaxEntries ? Without($"the inputs, nixpkgs and shipped files are more than {MaxEntries} files and folders, too many for MSBuild to check on every build")
        : Entries.FirstOrDefault(e => !MSBuildText.IsPlain(e.Path)) is { } odd ? Without($"the path '{odd.Path}' has a character MSBuild reads as syntax")
        : this;

    private static List<ProofEntry> Distinct(IEnumerable<ProofEntry> entries) =>
        entries.GroupBy(e => e.Path, StringComparer.Ordinal).Select(g => g.FirstOrDefault(e => e.Hash is not null) ?? g.First()).ToList();
}
