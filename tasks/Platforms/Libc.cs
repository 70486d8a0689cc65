namespace CrossSdk.Platforms;

/// <summary>
/// The C library a target's code runs with. On Windows it is the C runtime DLL MinGW links
/// against: msvcrt.dll (nixpkgs' mingwW64 and mingw32) or the Universal CRT (ucrt64, ucrtAarch64).
/// </summary>
internal enum Libc
{
    Glibc,
    Musl,
    Msvcrt,
    Ucrt,
}
