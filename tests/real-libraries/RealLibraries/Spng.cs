using System.IO.Compression;
using System.Runtime.InteropServices;
using System.Text;

namespace RealLibraries;

/// <summary>
/// libspng (and through it zlib): decode a 3x2 RGB PNG made here, with zlib's compression from
/// .NET, into RGBA8, pixel by pixel.
/// </summary>
internal static unsafe partial class Spng
{
    private const int FormatRgba8 = 1;

    private static readonly byte[][] Rows =
    [
        [0xff, 0, 0, 0, 0xff, 0, 0, 0, 0xff],
        [0xff, 0xff, 0xff, 0, 0, 0, 0x80, 0x80, 0x80],
    ];

    public static string DecodeKnownImage()
    {
        var png = Png(3, 2, Rows);
        var ctx = spng_ctx_new(0);
        try
        {
            fixed (byte* data = png)
            {
                Check(spng_set_png_buffer(ctx, data, (nuint)png.Length), "set_png_buffer");
                var ihdr = stackalloc byte[16];
                Check(spng_get_ihdr(ctx, ihdr), "get_ihdr");
                uint width = ((uint*)ihdr)[0], height = ((uint*)ihdr)[1];
                nuint size;
                Check(spng_decoded_image_size(ctx, FormatRgba8, &size), "decoded_image_size");
                var image = new byte[(int)size];
                fixed (byte* output = image)
                {
                    Check(spng_decode_image(ctx, output, size, FormatRgba8, 0), "decode_image");
                }

                var text = new StringBuilder($"{width}x{height} rgb{ihdr[8]}");
                for (var i = 0; i < image.Length; i += 4)
                {
                    text.Append(' ').Append(Convert.ToHexString(image, i, 4).ToLowerInvariant());
                }

                return text.ToString();
            }
        }
        finally
        {
            spng_ctx_free(ctx);
        }
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new InvalidOperationException($"spng_{call}: {Marshal.PtrToStringUTF8(spng_strerror(error))}");
        }
    }

    /// <summary>A PNG file: signature, IHDR (8-bit RGB), one IDAT (filter 0 per row), IEND.</summary>
    private static byte[] Png(int width, int height, byte[][] rows)
    {
        var raw = new MemoryStream();
        foreach (var row in rows)
        {
            raw.WriteByte(0);
            raw.Write(row);
        }

        var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw.ToArray());
        }

        var file = new MemoryStream();
        file.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0d, 0x0a, 0x1a, 0x0a]);
        Chunk(file, "IHDR", [.. BigEndian(width), .. BigEndian(height), 8, 2, 0, 0, 0]);
        Chunk(file, "IDAT", compressed.ToArray());
        Chunk(file, "IEND", []);
        return file.ToArray();
    }

    private static void Chunk(Stream file, string type, byte[] data)
    {
        byte[] typed = [.. Encoding.ASCII.GetBytes(type), .. data];
        file.Write(BigEndian(data.Length));
        file.Write(typed);
        file.Write(BigEndian((int)Crc32(typed)));
    }

    private static byte[] BigEndian(int value) => [(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value];

    /// <summary>The CRC-32 of PNG chunks (ISO 3309), bit by bit.</summary>
    private static uint Crc32(byte[] bytes)
    {
        var crc = 0xffffffffu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? 0xedb88320u ^ (crc >> 1) : crc >> 1;
            }
        }

        return ~crc;
    }

    [LibraryImport("spng")]
    private static partial nint spng_ctx_new(int flags);

    [LibraryImport("spng")]
    private static partial void spng_ctx_free(nint ctx);

    [LibraryImport("spng")]
    private static partial int spng_set_png_buffer(nint ctx, byte* buffer, nuint size);

    [LibraryImport("spng")]
    private static partial int spng_get_ihdr(nint ctx, byte* ihdr);

    [LibraryImport("spng")]
    private static partial int spng_decoded_image_size(nint ctx, int format, nuint* size);

    [LibraryImport("spng")]
    private static partial int spng_decode_image(nint ctx, byte* output, nuint size, int format, int flags);

    [LibraryImport("spng")]
    private static partial nint spng_strerror(int error);
}
