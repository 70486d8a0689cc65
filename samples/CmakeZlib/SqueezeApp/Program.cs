using System.Runtime.InteropServices;
using System.Text;
using Squeeze;

var text = Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("CrossSdk builds CMake libraries. ", 100)));
var packed = Deflate.Compress(text);
var unpacked = Deflate.Expand(packed, text.Length);

Console.WriteLine($"crc32(hello) = {Deflate.Crc32("hello"u8):x8}");
Console.WriteLine($"{text.Length} bytes -> {packed.Length} bytes -> {(unpacked.AsSpan().SequenceEqual(text) ? "round trip ok" : "ROUND TRIP BROKEN")}");
Console.WriteLine($"native: {Deflate.About}; process: {RuntimeInformation.ProcessArchitecture}");
