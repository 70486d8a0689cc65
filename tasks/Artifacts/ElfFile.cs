using System.Buffers.Binary;
using System.Text;
using CrossSdk.Platforms;

namespace CrossSdk.Artifacts;

/// <summary>
/// The parts of an ELF file CrossSdk checks: its identity (machine, class, byte order, ARM float
/// ABI) and, for shared libraries, the SONAME. Reads the header and the section table only.
/// https://refspecs.linuxfoundation.org/elf/gabi4+/ch4.eheader.html
/// </summary>
public sealed record ElfFile(ElfIdentity Identity, ushort Type, uint Flags, string? Soname)
{
    public const ushort TypeExecutable = 2;
    public const ushort TypeShared = 3;

    private const uint EfArmAbiFloatHard = 0x400;
    private const uint ShtDynamic = 6;
    private const long DtNull = 0;
    private const long DtSoname = 14;

    public static bool HasElfMagic(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0x7f && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    /// <summary>Reads an ELF file; null when the file is not ELF. Throws <see cref="InvalidDataException"/> when it is ELF but malformed.</summary>
    public static ElfFile? Read(string path) => Parse(File.ReadAllBytes(path));

    public static ElfFile? Parse(ReadOnlySpan<byte> data)
    {
        if (!HasElfMagic(data) || data.Length < 52)
        {
            return null;
        }

        var is64 = data[4] switch
        {
            1 => false,
            2 => true,
            _ => throw new InvalidDataException($"Unknown ELF class {data[4]}."),
        };
        var little = data[5] switch
        {
            1 => true,
            2 => false,
            _ => throw new InvalidDataException($"Unknown ELF data encoding {data[5]}."),
        };
        var r = new Reader(data, little);
        var type = r.U16(16);
        var machine = r.U16(18);
        var flags = r.U32(is64 ? 48 : 36);
        bool? armHardFloat = machine == ElfMachines.Arm ? (flags & EfArmAbiFloatHard) != 0 : null;
        var identity = new ElfIdentity(machine, is64, little, armHardFloat);
        return new ElfFile(identity, type, flags, ReadSoname(r, data, is64));
    }

    /// <summary>DT_SONAME from the SHT_DYNAMIC section and the string table it links to.</summary>
    private static string? ReadSoname(Reader r, ReadOnlySpan<byte> data, bool is64)
    {
        long shoff = is64 ? (long)r.U64(40) : r.U32(32);
        int shentsize = r.U16(is64 ? 58 : 46);
        int shnum = r.U16(is64 ? 60 : 48);
        if (shoff <= 0 || shentsize == 0 || shoff + (long)shentsize * shnum > data.Length)
        {
            return null;
        }

        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)(shoff + (long)i * shentsize);
            if (r.U32(sh + 4) != ShtDynamic)
            {
                continue;
            }

            long offset = is64 ? (long)r.U64(sh + 24) : r.U32(sh + 16);
            long size = is64 ? (long)r.U64(sh + 32) : r.U32(sh + 20);
            var link = (int)r.U32(is64 ? sh + 40 : sh + 24);
            var strtab = (int)(shoff + (long)link * shentsize);
            long strOffset = is64 ? (long)r.U64(strtab + 24) : r.U32(strtab + 16);
            var entry = is64 ? 16 : 8;
            for (var p = offset; p + entry <= offset + size && p + entry <= data.Length; p += entry)
            {
                long tag = is64 ? (long)r.U64((int)p) : (int)r.U32((int)p);
                if (tag == DtNull)
                {
                    break;
                }

                if (tag == DtSoname)
                {
                    long value = is64 ? (long)r.U64((int)p + 8) : r.U32((int)p + 4);
                    return ReadString(data, strOffset + value);
                }
            }
        }

        return null;
    }

    private static string? ReadString(ReadOnlySpan<byte> data, long offset)
    {
        if (offset < 0 || offset >= data.Length)
        {
            return null;
        }

        var rest = data[(int)offset..];
        var end = rest.IndexOf((byte)0);
        return Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
    }

    private readonly ref struct Reader(ReadOnlySpan<byte> data, bool little)
    {
        private readonly ReadOnlySpan<byte> data = data;

        public ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(Slice(at, 2));

        public uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(Slice(at, 4));

        public ulong U64(int at) => little ? BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8)) : BinaryPrimitives.ReadUInt64BigEndian(Slice(at, 8));

        private ReadOnlySpan<byte> Slice(int at, int length) =>
            at >= 0 && at + length <= data.Length ? data.Slice(at, length) : throw new InvalidDataException($"ELF file truncated at offset {at}.");
    }
}
