using CrossSdk.Planning;

namespace CrossSdk.Nix.Expressions;

/// <summary>What <see cref="ExpressionGenerator"/> writes a Nix file from.</summary>
/// <param name="Nixpkgs">The project's nixpkgs.</param>
/// <param name="HostSystem">The build machine's Nix system (never builtins.currentSystem).</param>
/// <param name="Plans">One package set each (a target's, or one of auto's candidates).</param>
/// <param name="Packages">The CrossPackage items, built for every plan.</param>
/// <param name="Header">The file's header comment (user text: written as comment text).</param>
internal sealed record ExpressionSpec(
    NixpkgsSource Nixpkgs,
    string HostSystem,
    IReadOnlyList<TargetPlan> Plans,
    IReadOnlyList<PackageSpec> Packages,
    string Header)
{
    /// <summary>Tools of the build machine the build needs (patchelf), from the project's nixpkgs.</summary>
    public IReadOnlyList<string> HostTools { get; init; } = [];

    /// <summary>Each target's binutils too (objcopy, for NativeAOT).</summary>
    public bool WithBintools { get; init; }

    /// <summary>Targets with a nixpkgs of their own, by RID.</summary>
    public IReadOnlyDictionary<string, NixpkgsSource> TargetNixpkgs { get; init; } = new Dictionary<string, NixpkgsSource>();

    /// <summary>The run target's runtime root, for `dotnet run` under emulation; null when none is wanted.</summary>
    public RuntimeRootSpec? RuntimeRoot { get; init; }
}
