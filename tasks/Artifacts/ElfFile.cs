using System.Buffers.Binary;
using System.Text;
using CrossSdk.Platforms;

namespace CrossSdk.Artifacts;

/// <summary>
/// The parts of an ELF file CrossSdk checks: its identity (machine, class, byte order, ARM float
/// ABI), and what it needs at run time: interpreter, SONAME, DT_NEEDED, RUNPATH/RPATH and the
/// symbol versions it requires (GLIBC_2.17, GLIBCXX_3.4.30).
/// https://refspecs.linuxfoundation.org/elf/gabi4+/contents.html
/// </summary>
internal sealed record ElfFile(ElfIdentity Identity, ushort Type, uint Flags)
{
    public const ushort TypeExecutable = 2;
    public const ushort TypeShared = 3;

    private const uint EfArmAbiFloatHard = 0x400;
    private const uint PtInterp = 3;
    private const uint ShtDynamic = 6;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const uint ShtDynsym = 11;
    private const long DtNull = 0;
    private const long DtNeeded = 1;
    private const long DtSoname = 14;
    private const long DtRpath = 15;
    private const long DtRunpath = 29;

    public string? Soname { get; init; }

    public string? Interpreter { get; init; }

    public IReadOnlyList<string> Needed { get; init; } = [];

    public IReadOnlyList<string> RunPath { get; init; } = [];

    public IReadOnlyList<string> RPath { get; init; } = [];

    /// <summary>Version names the file needs from its libraries, e.g. GLIBC_2.17.</summary>
    public IReadOnlyList<string> RequiredVersions { get; init; } = [];

    /// <summary>Each imported symbol with the version it needs: ("arc4random", "GLIBC_2.36").</summary>
    public IReadOnlyList<(string Symbol, string Version)> VersionedImports { get; init; } = [];

    public static bool HasElfMagic(ReadOnlySpan<byte> data) =>
        data.Length >= 4 && data[0] == 0x7f && data[1] == (byte)'E' && data[2] == (byte)'L' && data[3] == (byte)'F';

    /// <summary>Reads an ELF file; null when the file is not ELF. Throws <see cref="InvalidDataException"/> when it is ELF but malformed.</summary>
    public static ElfFile? Read(string path) => Parse(File.ReadAllBytes(path));

    public static ElfFile? Parse(ReadOnlySpan<byte> data)
    {
        if (!HasElfMagic(data))
        {
            return null;
        }

        // The magic says ELF: from here on, anything missing is a damaged file, not another format.
        if (data.Length < 64 && (data.Length < 52 || data[4] != 1))
        {
            throw new InvalidDataException($"ELF file truncated: {data.Length} bytes, shorter than an ELF header.");
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
        var r = new Reader(data, little, is64);
        var type = r.U16(16);
        var machine = r.U16(18);
        var flags = r.U32(is64 ? 48 : 36);
        bool? armHardFloat = machine == ElfMachines.Arm ? (flags & EfArmAbiFloatHard) != 0 : null;
        var identity = new ElfIdentity(machine, is64, little, armHardFloat);
        CheckTable(r, "program header", r.Addr(is64 ? 32 : 28), r.U16(is64 ? 54 : 42), r.U16(is64 ? 56 : 44));
        CheckTable(r, "section header", r.Addr(is64 ? 40 : 32), r.U16(is64 ? 58 : 46), r.U16(is64 ? 60 : 48));

        var sections = Sections(r);
        var dynamic = ReadDynamic(r, sections);
        var (versions, byIndex) = ReadRequiredVersions(r, sections);
        return new ElfFile(identity, type, flags)
        {
            Interpreter = ReadInterpreter(r),
            Soname = dynamic.Soname,
            Needed = dynamic.Needed,
            RunPath = dynamic.RunPath,
            RPath = dynamic.RPath,
            RequiredVersions = versions,
            VersionedImports = ReadVersionedImports(r, sections, byIndex),
        };
    }

    private static string? ReadInterpreter(Reader r)
    {
        long phoff = r.Addr(r.Is64 ? 32 : 28);
        int phentsize = r.U16(r.Is64 ? 54 : 42);
        int phnum = r.U16(r.Is64 ? 56 : 44);
        for (var i = 0; i < phnum && phoff > 0; i++)
        {
            var ph = (int)(phoff + (long)i * phentsize);
            if (r.U32(ph) != PtInterp)
            {
                continue;
            }

            long offset = r.Is64 ? r.Addr(ph + 8) : r.U32(ph + 4);
            return r.String(offset);
        }

        return null;
    }

    private sealed record Dynamic(string? Soname, List<string> Needed, List<string> RunPath, List<string> RPath);

    private static Dynamic ReadDynamic(Reader r, List<(int Header, uint Type)> sections)
    {
        var result = new Dynamic(null, [], [], []);
        foreach (var (sh, _) in sections.Where(s => s.Type == ShtDynamic))
        {
            long offset = r.Addr(sh + (r.Is64 ? 24 : 16));
            long size = r.Addr(sh + (r.Is64 ? 32 : 20));
            var strtab = StringTableOffset(r, (int)r.U32(sh + (r.Is64 ? 40 : 24)));
            var entry = r.Is64 ? 16 : 8;
            string? soname = null;
            for (var p = offset; p + entry <= offset + size; p += entry)
            {
                long tag = r.Is64 ? (long)r.U64((int)p) : (int)r.U32((int)p);
                if (tag == DtNull)
                {
                    break;
                }

                var value = r.Addr((int)p + (r.Is64 ? 8 : 4));
                switch (tag)
                {
                    case DtNeeded: result.Needed.Add(r.String(strtab + value) ?? ""); break;
                    case DtSoname: soname = r.String(strtab + value); break;
                    case DtRunpath: result.RunPath.AddRange(SplitPath(r.String(strtab + value))); break;
                    case DtRpath: result.RPath.AddRange(SplitPath(r.String(strtab + value))); break;
                }
            }

            return result with { Soname = soname };
        }

        return result;
    }

    /// <summary>The vna_name of every Vernaux entry of SHT_GNU_verneed (the same layout in ELF32 and ELF64), and each by its index (vna_other).</summary>
    private static (List<string> Names, Dictionary<int, string> ByIndex) ReadRequiredVersions(Reader r, List<(int Header, uint Type)> sections)
    {
        var versions = new List<string>();
        var byIndex = new Dictionary<int, string>();
        foreach (var (sh, _) in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            long offset = r.Addr(sh + (r.Is64 ? 24 : 16));
            var strtab = StringTableOffset(r, (int)r.U32(sh + (r.Is64 ? 40 : 24)));
            var need = offset;
            for (var guard = 0; guard < 1024; guard++)
            {
                int count = r.U16((int)need + 2);
                long aux = need + r.U32((int)need + 8);
                for (var i = 0; i < count; i++)
                {
                    if (r.String(strtab + r.U32((int)aux + 8)) is { Length: > 0 } name)
                    {
                        versions.Add(name);
                        byIndex[r.U16((int)aux + 6)] = name;
                    }

                    aux += r.U32((int)aux + 12);
                }

                var next = r.U32((int)need + 12);
                if (next == 0)
                {
                    break;
                }

                need += next;
            }
        }

        return (versions.Distinct(StringComparer.Ordinal).ToList(), byIndex);
    }

    /// <summary>Undefined dynamic symbols (st_shndx 0) with their SHT_GNU_versym index mapped to a needed version.</summary>
    private static List<(string, string)> ReadVersionedImports(Reader r, List<(int Header, uint Type)> sections, Dictionary<int, string> byIndex)
    {
        var imports = new List<(string, string)>();
        var dynsym = sections.FirstOrDefault(s => s.Type == ShtDynsym);
        var versym = sections.FirstOrDefault(s => s.Type == ShtGnuVersym);
        if (byIndex.Count == 0 || dynsym.Header == 0 || versym.Header == 0)
        {
            return imports;
        }

        long symOffset = r.Addr(dynsym.Header + (r.Is64 ? 24 : 16));
        long symSize = r.Addr(dynsym.Header + (r.Is64 ? 32 : 20));
        var strtab = StringTableOffset(r, (int)r.U32(dynsym.Header + (r.Is64 ? 40 : 24)));
        long verOffset = r.Addr(versym.Header + (r.Is64 ? 24 : 16));
        var entry = r.Is64 ? 24 : 16;
        for (var i = 1; i < symSize / entry; i++)
        {
            var sym = (int)(symOffset + (long)i * entry);
            var shndx = r.U16(sym + (r.Is64 ? 6 : 14));
            var index = r.U16((int)(verOffset + i * 2)) & 0x7fff;
            if (shndx == 0 && byIndex.TryGetValue(index, out var version) && r.String(strtab + r.U32(sym)) is { Length: > 0 } name)
            {
                imports.Add((name, version));
            }
        }

        return imports;
    }

    /// <summary>A header table (e_phoff/e_shoff, entry size, count) must lie inside the file: one that does not is a truncated file.</summary>
    private static void CheckTable(Reader r, string name, long offset, int entrySize, int count)
    {
        if (offset != 0 && count != 0 && (offset < 0 || offset + ((long)entrySize * count) > r.Length))
        {
            throw new InvalidDataException($"ELF file truncated or malformed: its {name} table ({count} x {entrySize} bytes at offset {offset}) ends beyond the file's {r.Length} bytes.");
        }
    }

    private static List<(int Header, uint Type)> Sections(Reader r)
    {
        var sections = new List<(int, uint)>();
        long shoff = r.Addr(r.Is64 ? 40 : 32);
        int shentsize = r.U16(r.Is64 ? 58 : 46);
        int shnum = r.U16(r.Is64 ? 60 : 48);
        if (shoff <= 0 || shentsize == 0 || shoff + (long)shentsize * shnum > r.Length)
        {
            return sections;
        }

        for (var i = 0; i < shnum; i++)
        {
            var sh = (int)(shoff + (long)i * shentsize);
            sections.Add((sh, r.U32(sh + 4)));
        }

        return sections;
    }

    private static long StringTableOffset(Reader r, int index)
    {
        long shoff = r.Addr(r.Is64 ? 40 : 32);
        int shentsize = r.U16(r.Is64 ? 58 : 46);
        var sh = (int)(shoff + (long)index * shentsize);
        return r.Addr(sh + (r.Is64 ? 24 : 16));
    }

    private static string[] SplitPath(string? value) =>
        string.IsNullOrEmpty(value) ? [] : value.Split(':', StringSplitOptions.RemoveEmptyEntries);

    private readonly ref struct Reader(ReadOnlySpan<byte> data, bool little, bool is64)
    {
        private readonly ReadOnlySpan<byte> data = data;

        public bool Is64 { get; } = is64;

        public int Length => data.Length;

        public ushort U16(int at) => little ? BinaryPrimitives.ReadUInt16LittleEndian(Slice(at, 2)) : BinaryPrimitives.ReadUInt16BigEndian(Slice(at, 2));

        public uint U32(int at) => little ? BinaryPrimitives.ReadUInt32LittleEndian(Slice(at, 4)) : BinaryPrimitives.ReadUInt32BigEndian(Slice(at, 4));

        public ulong U64(int at) => little ? BinaryPrimitives.ReadUInt64LittleEndian(Slice(at, 8)) : BinaryPrimitives.ReadUInt64BigEndian(Slice(at, 8));

        /// <summary>An address or offset field: 8 bytes in ELF64, 4 in ELF32.</summary>
        public long Addr(int at) => Is64 ? (long)U64(at) : U32(at);

        public string? String(long offset)
        {
            if (offset < 0 || offset >= data.Length)
            {
                return null;
            }

            var rest = data[(int)offset..];
            var end = rest.IndexOf((byte)0);
            return Encoding.UTF8.GetString(end < 0 ? rest : rest[..end]);
        }

        private ReadOnlySpan<byte> Slice(int at, int length) =>
            at >= 0 && at + length <= data.Length ? data.Slice(at, length) : throw new InvalidDataException($"ELF file truncated at offset {at}.");
    }
}
