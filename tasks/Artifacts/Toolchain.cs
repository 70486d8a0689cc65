namespace CrossSdk.Artifacts;

/// <summary>
/// obj/cross/manifest.json: the up-to-date key of the last successful build and the files it
/// shipped. MSBuild items are made from it, also by `publish --no-build` and `pack --no-build`.
/// </summary>
/// <summary>A target's C toolchain from Nix: stdenv.cc and its binutils, for the NativeAOT link.</summary>
internal sealed record Toolchain(string Rid, string Cc, string Bintools);
