using System.Runtime.InteropServices;

namespace Squeeze;

/// <summary>A .NET face for native/squeeze.c (zlib underneath).</summary>
public static partial class Deflate
{
    /// <summary>zlib's CRC-32 of the bytes.</summary>
    public static uint Crc32(ReadOnlySpan<byte> data) => NativeMethods.squeeze_crc32(data, (nuint)data.Length);

    /// <summary>The bytes compressed in zlib's format.</summary>
    public static byte[] Compress(ReadOnlySpan<byte> data)
    {
        var output = new byte[data.Length + (data.Length / 1000) + 64];
        var length = NativeMethods.squeeze_compress(data, (nuint)data.Length, output, (nuint)output.Length);
        return length >= 0 ? output[..(int)length] : throw new InvalidOperationException("squeeze_compress failed.");
    }

    /// <summary>Compressed bytes expanded again; <paramref name="size"/> is the original size.</summary>
    public static byte[] Expand(ReadOnlySpan<byte> data, int size)
    {
        var output = new byte[size];
        var length = NativeMethods.squeeze_expand(data, (nuint)data.Length, output, (nuint)output.Length);
        return length == size ? output : throw new InvalidDataException("squeeze_expand failed.");
    }

    /// <summary>The zlib version and compression level of the native library.</summary>
    public static string About => Marshal.PtrToStringUTF8(NativeMethods.squeeze_about()) ?? "?";

    private static partial class NativeMethods
    {
        // "squeeze" resolves to libsqueeze.so: next to the app, or runtimes/<rid>/native/ via deps.json.
        [LibraryImport("squeeze")]
        internal static partial uint squeeze_crc32(ReadOnlySpan<byte> data, nuint size);

        [LibraryImport("squeeze")]
        internal static partial nint squeeze_compress(ReadOnlySpan<byte> data, nuint size, byte[] output, nuint capacity);

        [LibraryImport("squeeze")]
        internal static partial nint squeeze_expand(ReadOnlySpan<byte> data, nuint size, byte[] output, nuint capacity);

        [LibraryImport("squeeze")]
        internal static partial IntPtr squeeze_about();
    }
}
