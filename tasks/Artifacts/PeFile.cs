using System.Buffers.Binary;
using System.Reflection.PortableExecutable;
using System.Text;

namespace CrossSdk.Artifacts;

/// <summary>
/// The parts of a Windows PE file (a DLL or an .exe) CrossSdk checks: its machine, whether it is
/// a DLL, the DLLs it imports (with the functions) and the name it exports under.
/// The headers and section table come from the BCL's PEReader (System.Reflection.Metadata, part
/// of .NET, so nothing more to ship in the task assembly); it reads no import or export table,
/// so those are read here, from Microsoft's PE format specification ("The .idata Section",
/// "Delay-Load Import Tables", "The .edata Section").
/// </summary>
internal sealed record PeFile(ushort Machine, bool IsDll)
{
    private const int ImportDescriptorSize = 20;
    private const int DelayDescriptorSize = 32;

    public IReadOnlyList<PeImport> Imports { get; init; } = [];

    /// <summary>The oldest Windows the file says it runs on: the optional header's subsystem version (MinGW's default: 5.2 for x64, 4.0 for x86).</summary>
    public Version SubsystemVersion { get; init; } = new(0, 0);

    /// <summary>The DLL's own name in its export directory (what the linker was told), or null.</summary>
    public string? ExportName { get; init; }

    public static bool HasPeMagic(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == (byte)'M' && data[1] == (byte)'Z';

    /// <summary>Reads a PE file; null when the file is not one ("MZ"). Throws <see cref="InvalidDataException"/> when it starts like one but is malformed.</summary>
    public static PeFile? Read(string path) => Parse(File.ReadAllBytes(path));

    public static PeFile? Parse(byte[] data)
    {
        if (!HasPeMagic(data))
        {
            return null;
        }

        try
        {
            using var reader = new PEReader(new MemoryStream(data, writable: false));
            var headers = reader.PEHeaders;
            if (headers.PEHeader is not { } pe)
            {
                throw new InvalidDataException("it has no optional header, so it is an object file, not a DLL or program");
            }

            var image = new Image(data, headers);
            var is64 = pe.Magic == PEMagic.PE32Plus;
            var imports = new List<PeImport>();
            imports.AddRange(ReadImports(image, pe.ImportTableDirectory, is64));
            imports.AddRange(ReadDelayImports(image, pe.DelayImportTableDirectory, is64));
            return new PeFile((ushort)headers.CoffHeader.Machine, headers.IsDll)
            {
                Imports = imports,
                ExportName = ReadExportName(image, pe.ExportTableDirectory),
                SubsystemVersion = new Version(pe.MajorSubsystemVersion, pe.MinorSubsystemVersion),
            };
        }
        catch (BadImageFormatException ex)
        {
            throw new InvalidDataException(ex.Message, ex);
        }
        catch (ArgumentOutOfRangeException ex)
        {
            throw new InvalidDataException("a table points outside the file", ex);
        }
    }

    private static IEnumerable<PeImport> ReadImports(Image image, DirectoryEntry directory, bool is64)
    {
        if (directory.Size == 0 || directory.RelativeVirtualAddress == 0)
        {
            yield break;
        }

        // IMAGE_IMPORT_DESCRIPTOR: OriginalFirstThunk, TimeDateStamp, ForwarderChain, Name, FirstThunk; a zero one ends the table.
        for (var rva = directory.RelativeVirtualAddress; ; rva += ImportDescriptorSize)
        {
            var lookup = image.U32(rva);
            var nameRva = image.U32(rva + 12);
            var firstThunk = image.U32(rva + 16);
            if (nameRva == 0)
            {
                yield break;
            }

            var offset = image.Offset((int)nameRva);
            yield return new PeImport(image.String((int)nameRva), offset, false, image.ThunkNames((int)(lookup != 0 ? lookup : firstThunk), is64));
        }
    }

    private static IEnumerable<PeImport> ReadDelayImports(Image image, DirectoryEntry directory, bool is64)
    {
        if (directory.Size == 0 || directory.RelativeVirtualAddress == 0)
        {
            yield break;
        }

        // Delay-load directory: Attributes, Name, ModuleHandle, DelayImportAddressTable, DelayImportNameTable, ...; RVAs (attribute bit 0, always set by MinGW and MSVC).
        for (var rva = directory.RelativeVirtualAddress; ; rva += DelayDescriptorSize)
        {
            var nameRva = image.U32(rva + 4);
            var nameTable = image.U32(rva + 16);
            if (nameRva == 0)
            {
                yield break;
            }

            yield return new PeImport(image.String((int)nameRva), image.Offset((int)nameRva), true, nameTable == 0 ? [] : image.ThunkNames((int)nameTable, is64));
        }
    }

    private static string? ReadExportName(Image image, DirectoryEntry directory)
    {
        if (directory.Size == 0 || directory.RelativeVirtualAddress == 0)
        {
            return null;
        }

        // IMAGE_EXPORT_DIRECTORY: Characteristics, TimeDateStamp, MajorVersion, MinorVersion, Name, ...
        var nameRva = image.U32(directory.RelativeVirtualAddress + 12);
        return nameRva == 0 ? null : image.String((int)nameRva);
    }

    /// <summary>The file seen by RVA, through the section table.</summary>
    private sealed class Image(byte[] data, PEHeaders headers)
    {
        public long Offset(int rva)
        {
            foreach (var section in headers.SectionHeaders)
            {
                var size = Math.Max(section.VirtualSize, section.SizeOfRawData);
                if (rva >= section.VirtualAddress && rva < section.VirtualAddress + size)
                {
                    var offset = (long)rva - section.VirtualAddress + section.PointerToRawData;
                    return offset < data.Length ? offset : throw new InvalidDataException($"RVA 0x{rva:x} is past the end of the file");
                }
            }

            throw new InvalidDataException($"RVA 0x{rva:x} is in no section");
        }

        public uint U32(int rva)
        {
            var offset = Offset(rva);
            return offset + 4 <= data.Length ? BinaryPrimitives.ReadUInt32LittleEndian(data.AsSpan((int)offset, 4)) : throw new InvalidDataException("a table is cut off");
        }

        public ulong U64(int rva)
        {
            var offset = Offset(rva);
            return offset + 8 <= data.Length ? BinaryPrimitives.ReadUInt64LittleEndian(data.AsSpan((int)offset, 8)) : throw new InvalidDataException("a table is cut off");
        }

        public string String(int rva)
        {
            var offset = (int)Offset(rva);
            var end = Array.IndexOf(data, (byte)0, offset);
            if (end < 0 || end - offset > 4096)
            {
                throw new InvalidDataException($"the name at RVA 0x{rva:x} is not terminated");
            }

            return Encoding.ASCII.GetString(data, offset, end - offset);
        }

        /// <summary>The names of an import lookup table (IMAGE_THUNK_DATA, 4 or 8 bytes each; the top bit marks an ordinal).</summary>
        public List<string> ThunkNames(int rva, bool is64)
        {
            var names = new List<string>();
            if (rva == 0)
            {
                return names;
            }

            for (var at = rva; names.Count < 100_000; at += is64 ? 8 : 4)
            {
                var entry = is64 ? U64(at) : U32(at);
                if (entry == 0)
                {
                    break;
                }

                var byOrdinal = is64 ? (entry & 0x8000_0000_0000_0000UL) != 0 : (entry & 0x8000_0000UL) != 0;
                if (!byOrdinal)
                {
                    // IMAGE_IMPORT_BY_NAME: a 2-byte hint, then the name.
                    names.Add(String((int)(entry & 0x7fff_ffffUL) + 2));
                }
            }

            return names;
        }
    }
}
