using System.Globalization;
using CrossSdk.Platforms;

namespace CrossSdk.Host;

/// <summary>
/// One binfmt_misc entry (/proc/sys/fs/binfmt_misc/&lt;name&gt;). Names differ between
/// distributions (Debian qemu-aarch64, NixOS aarch64-linux), so what a handler serves is found by
/// matching its magic and mask against an ELF header for the target, not by its name.
/// https://docs.kernel.org/admin-guide/binfmt-misc.html
/// </summary>
internal sealed record BinfmtHandler(string Name, bool Enabled, string Interpreter, string Flags, int Offset, byte[]? Magic, byte[]? Mask)
{
    /// <summary>F: the interpreter is opened at registration, so it works inside chroots, containers and the Nix sandbox.</summary>
    public bool FixBinary => Flags.Contains('F', StringComparison.Ordinal);

    /// <summary>Whether this handler would run an executable of the target (by its ELF header).</summary>
    public bool Matches(TargetPlatform target)
    {
        if (Magic is null)
        {
            return false;
        }

        var header = ElfHeaderFor(target.Elf);
        for (var i = 0; i < Magic.Length; i++)
        {
            var at = Offset + i;
            if (at >= header.Length)
            {
                return false;
            }

            var mask = Mask is not null && i < Mask.Length ? Mask[i] : (byte)0xff;
            if ((header[at] & mask) != (Magic[i] & mask))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The first 20 bytes of an ELF executable for a target (ident, e_type = ET_EXEC, e_machine).</summary>
    public static byte[] ElfHeaderFor(ElfIdentity elf)
    {
        var header = new byte[20];
        header[0] = 0x7f;
        header[1] = (byte)'E';
        header[2] = (byte)'L';
        header[3] = (byte)'F';
        header[4] = (byte)(elf.Is64Bit ? 2 : 1);
        header[5] = (byte)(elf.IsLittleEndian ? 1 : 2);
        header[6] = 1;
        WriteU16(header, 16, 2, elf.IsLittleEndian);
        WriteU16(header, 18, elf.Machine, elf.IsLittleEndian);
        return header;
    }

    /// <summary>Parses the text of a binfmt_misc entry; null for the register and status files.</summary>
    public static BinfmtHandler? Parse(string name, string text)
    {
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (lines.Length == 0 || lines[0] is not ("enabled" or "disabled"))
        {
            return null;
        }

        string Field(string key) =>
            lines.FirstOrDefault(l => l.StartsWith(key + " ", StringComparison.Ordinal) || l.StartsWith(key + ":", StringComparison.Ordinal)) is { } line
                ? line[(key.Length + 1)..].Trim()
                : "";

        return new BinfmtHandler(
            name,
            lines[0] == "enabled",
            Field("interpreter"),
            Field("flags"),
            int.TryParse(Field("offset"), NumberStyles.Integer, CultureInfo.InvariantCulture, out var offset) ? offset : 0,
            Hex(Field("magic")),
            Hex(Field("mask")));
    }

    private static byte[]? Hex(string text) => text.Length == 0 ? null : Convert.FromHexString(text);

    private static void WriteU16(byte[] buffer, int at, ushort value, bool little)
    {
        buffer[at + (little ? 0 : 1)] = (byte)(value & 0xff);
        buffer[at + (little ? 1 : 0)] = (byte)(value >> 8);
    }
}
