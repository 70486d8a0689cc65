using System.Runtime.InteropServices;

Console.WriteLine($"AotHello: 2 + 3 = {Native.hello_sum(2, 3)} from libhello built for {Marshal.PtrToStringUTF8(Native.hello_arch())}, running as {RuntimeInformation.ProcessArchitecture} NativeAOT");

internal static partial class Native
{
    [LibraryImport("hello")]
    internal static partial int hello_sum(int a, int b);

    [LibraryImport("hello")]
    internal static partial IntPtr hello_arch();
}
