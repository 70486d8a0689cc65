namespace CrossSdk.Nix.Expressions;

/// <summary>What an attribute of the generated file is for.</summary>
internal enum InstallableRole
{
    /// <summary>An output of a CrossPackage for a target.</summary>
    Package,

    /// <summary>A target's C compiler (stdenv.cc): a GC root, and NativeAOT's compiler.</summary>
    Toolchain,

    /// <summary>A target's binutils (objcopy for NativeAOT).</summary>
    Bintools,

    /// <summary>A tool of the build machine (patchelf).</summary>
    Tool,

    /// <summary>A target's runtime root (C library, libgcc_s, libstdc++, ICU): QEMU's loader prefix for `dotnet run`/`dotnet test`.</summary>
    RuntimeRoot,

    /// <summary>A Windows target's runtime DLLs (libgcc_s, libstdc++, winpthreads or mcfgthreads): where CrossSdk finds the toolchain DLLs a shipped DLL imports.</summary>
    RuntimeDlls,
}
