namespace CrossSdk.Platforms;

public enum Libc
{
    Glibc,
    Musl,
}
