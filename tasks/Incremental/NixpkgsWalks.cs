namespace CrossSdk.Incremental;

/// <summary>
/// Each nixpkgs folder of one build, walked once. The key's fingerprint
/// (<see cref="NixpkgsFingerprint"/>) and MSBuild's proof (<see cref="UpToDateProof"/>) both need
/// the walk; a real checkout has 40,000 files, and the proof is taken twice a build (before and
/// after the evaluation). Taking the proof's times from the walk the fingerprint was made from
/// also ties the two: an edit in nixpkgs after that walk makes a time differ next build.
/// </summary>
internal sealed class NixpkgsWalks
{
    private readonly Dictionary<string, List<InputWalk.Entry>> walked = new(StringComparer.Ordinal);

    /// <summary>The folder's entries, followed through links as Nix's imports follow them, .git left opaque.</summary>
    public IReadOnlyList<InputWalk.Entry> Of(string folder)
    {
        var full = Path.GetFullPath(folder);
        if (!walked.TryGetValue(full, out var entries))
        {
            entries = InputWalk.Walk(full, follow: true, opaque: InputSet.OpaqueFolders);
            walked[full] = entries;
        }

        return entries;
    }
}
