namespace CrossSdk.Platforms;

internal enum Libc
{
    Glibc,
    Musl,
}
