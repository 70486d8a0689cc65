using CrossSdk.Diagnostics;

namespace CrossSdk.Planning;

/// <summary>How Nix builds a target's packages.</summary>
public enum Strategy
{
    /// <summary>Let the planner choose per target.</summary>
    Auto,

    /// <summary>nixpkgs' cross toolchain, pkgsCross.&lt;name&gt;: host-speed compiler.</summary>
    Cross,

    /// <summary>nixpkgs evaluated for the target system; Nix runs its compiler through binfmt/QEMU.</summary>
    Emulated,

    /// <summary>The target is the host system (or one it runs directly).</summary>
    Native,
}

