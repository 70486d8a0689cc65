namespace CrossSdk.Artifacts;

/// <summary>A collected file, copied out of the store to where MSBuild picks it up.</summary>
internal sealed record ShippedFile(string Rid, string NixSystem, string Package, string FileName, string Path)
{
    /// <summary>Its SHA-256 as shipped: a file in obj/cross/out that differs is shipped again.</summary>
    public string? Sha256 { get; init; }

    /// <summary>A static library for the NativeAOT link (Link="static"), not a file to ship.</summary>
    public bool Static { get; init; }

    /// <summary>The name DllImport uses for a static library's functions: libhello.a -> hello.</summary>
    public string DirectPInvokeName
    {
        get
        {
            var name = System.IO.Path.GetFileNameWithoutExtension(FileName);
            return name.StartsWith("lib", StringComparison.Ordinal) ? name[3..] : name;
        }
    }
}
