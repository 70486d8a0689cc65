using CrossSdk.Planning;

namespace CrossSdk.Artifacts;

/// <summary>A file to ship for a target: where it is in the store and the name it ships under.</summary>
internal sealed record Artifact(TargetPlan Plan, PackageSpec Package, string SourcePath, string FileName, ElfFile? Elf);
