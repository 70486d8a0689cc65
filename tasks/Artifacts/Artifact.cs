using CrossSdk.Planning;

namespace CrossSdk.Artifacts;

/// <summary>A file to ship for a target: where it is in the store and the name it ships under.</summary>
internal sealed record Artifact(TargetPlan Plan, PackageSpec Package, string SourcePath, string FileName, ElfFile? Elf)
{
    /// <summary>A Windows target's DLL or program: what its PE headers say.</summary>
    public PeFile? Pe { get; init; }

    /// <summary>The name it was built under, which other DLLs import it by (libgreet.dll shipped as greet.dll); null when the same as <see cref="FileName"/>.</summary>
    public string? BuiltName { get; init; }
}
