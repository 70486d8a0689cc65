using CrossSdk.Platforms;

namespace CrossSdk.Planning;

/// <summary>
/// A CrossOverlay item: a nixpkgs overlay file (<c>self: super: { ... }</c>), for every package
/// and target, or scoped with Package and Target metadata. It is applied only to a package set
/// CrossSdk creates for those packages, never globally, so everything else keeps its cache hits.
/// </summary>
/// <param name="File">The absolute overlay file.</param>
/// <param name="Target">Only for this target; null for all.</param>
internal sealed record OverlaySpec(string File, TargetPlatform? Target)
{
    public bool AppliesTo(TargetPlatform target) => Target is null || Target == target;
}
