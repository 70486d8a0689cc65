namespace CrossSdk.Artifacts;

/// <summary>
/// What one shipped file needs of the system it loads on, read from the file itself.
/// </summary>
/// <param name="Rid">The RID it ships under.</param>
/// <param name="FileName">Its name under runtimes/&lt;rid&gt;/native/.</param>
/// <param name="Libc">glibc, musl or windows; "other" for a file that is neither ELF nor PE.</param>
internal sealed record FileRequirement(string Rid, string FileName, string Libc)
{
    /// <summary>glibc: the highest GLIBC_x.y among its version-needed entries (null: it needs no versioned symbol).</summary>
    public Version? Glibc { get; init; }

    /// <summary>glibc: the symbols that need <see cref="Glibc"/> ("dlerror, dlopen").</summary>
    public string? GlibcSymbols { get; init; }

    /// <summary>The highest GLIBCXX_x.y.z (libstdc++) it needs, if any.</summary>
    public Version? Glibcxx { get; init; }

    /// <summary>Windows: the PE optional header's subsystem version.</summary>
    public Version? WindowsSubsystem { get; init; }

    /// <summary>Windows: the C runtime DLL it imports (msvcrt.dll, ucrtbase.dll or api-ms-win-crt-*), if any.</summary>
    public string? WindowsCRuntime { get; init; }
}
