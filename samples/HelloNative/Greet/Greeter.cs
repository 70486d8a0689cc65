using System.Runtime.InteropServices;
using System.Text;

namespace Greet;

/// <summary>A .NET face for native/greet.c.</summary>
public static partial class Greeter
{
    /// <summary>The greeting the native library writes.</summary>
    public static string Hello(string name)
    {
        var buffer = new byte[256];
        var length = NativeMethods.greet(name, buffer, buffer.Length);
        if (length < 0)
        {
            throw new InvalidOperationException("greet() failed.");
        }

        return Encoding.UTF8.GetString(buffer, 0, Math.Min(length, buffer.Length - 1));
    }

    /// <summary>The architecture the native library was compiled for.</summary>
    public static string NativeArchitecture => Marshal.PtrToStringUTF8(NativeMethods.greet_arch()) ?? "?";

    private static partial class NativeMethods
    {
        // "libgreet" resolves to libgreet.so on Linux and libgreet.dll on Windows: next to the app,
        // or runtimes/<rid>/native/ via deps.json. ("greet" would find libgreet.so on Linux, but on
        // Windows greet.dll is this assembly, Greet.dll, since Windows file names ignore case.)
        [LibraryImport("libgreet", StringMarshalling = StringMarshalling.Utf8)]
        internal static partial int greet(string name, byte[] buffer, int size);

        [LibraryImport("libgreet")]
        internal static partial IntPtr greet_arch();
    }
}
