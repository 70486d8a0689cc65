using CrossSdk.Planning;

namespace CrossSdk.Nix.Expressions;

/// <summary>One attribute of the generated file that `nix build` realises.</summary>
/// <param name="Name">
/// The attribute's name: made by <see cref="AttributeNames"/> from a safe alphabet, so it is a
/// plain Nix identifier and a safe attribute path on the command line, whatever the RID or
/// package it is built from.
/// </param>
/// <param name="Plan">The target it belongs to; null for a tool of the build machine (patchelf).</param>
/// <param name="Package">The package, or null for the target's toolchain (stdenv.cc, kept as a GC root) and tools.</param>
/// <param name="Output">The derivation output ("out", "lib", ...; "libraries" for an attribute package's default).</param>
/// <param name="Role">What the attribute is for: callers select by role, never by parsing the name.</param>
internal sealed record Installable(string Name, TargetPlan? Plan, PackageSpec? Package, string Output, InstallableRole Role = InstallableRole.Package)
{
    /// <summary>For <see cref="InstallableRole.Tool"/>: the nixpkgs attribute of the tool (patchelf).</summary>
    public string? Tool { get; init; }

    public bool IsToolchain => Role == InstallableRole.Toolchain;

    public bool IsTool => Role == InstallableRole.Tool;
}
