namespace CrossSdk.Artifacts;

/// <summary>A collected file, copied out of the store to where MSBuild picks it up.</summary>
internal sealed record ShippedFile(string Rid, string NixSystem, string Package, string FileName, string Path)
{
    /// <summary>A static library for the NativeAOT link (Link="static"), not a file to ship.</summary>
    public bool Static { get; init; }
}
