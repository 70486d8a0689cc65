using System.Buffers.Binary;
using System.ComponentModel;
using System.Diagnostics;

namespace CrossSdk.Host;

/// <summary>
/// Whether this machine's kernel executes 32-bit x86 code. An x86_64 CPU can, but a kernel built
/// without IA32 emulation (CONFIG_IA32_EMULATION) cannot: any i386 program fails with "Exec
/// format error" (seen on this project's machines, docs/targets.md#windows-targets), so an i686-linux stdenv of a real
/// nixpkgs, and Debian's wine32, cannot start there. Asked of the kernel itself: a 93-byte static
/// i386 program that only calls exit(0) (int 0x80), written to a temporary file and started.
/// </summary>
internal static class I386Probe
{
    /// <summary>True when the program ran and exited 0, false when the kernel refused it; null when the probe itself could not run (no temp folder, noexec).</summary>
    public static bool? Run()
    {
        if (OperatingSystem.IsWindows())
        {
            return null;
        }

        var file = Path.Combine(Path.GetTempPath(), $"crosssdk-i386-probe-{Environment.ProcessId}-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllBytes(file, Program());
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserExecute);
            using var process = Process.Start(new ProcessStartInfo(file) { UseShellExecute = false });
            if (process is null)
            {
                return null;
            }

            if (!process.WaitForExit(10_000))
            {
                process.Kill();
                return null;
            }

            return process.ExitCode == 0;
        }
        catch (Win32Exception ex) when (ex.NativeErrorCode == 8)
        {
            // ENOEXEC: "Exec format error", the kernel does not run i386 ELF files.
            return false;
        }
        catch (Exception ex) when (ex is Win32Exception or IOException or UnauthorizedAccessException)
        {
            return null;
        }
        finally
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
                // A leftover probe in the temp folder is harmless.
            }
        }
    }

    /// <summary>An ELF32 i386 executable: header, one PT_LOAD segment, and mov eax,1; xor ebx,ebx; int 0x80.</summary>
    public static byte[] Program()
    {
        const uint Base = 0x0804_8000;
        byte[] code = [0xb8, 0x01, 0x00, 0x00, 0x00, 0x31, 0xdb, 0xcd, 0x80];
        var image = new byte[52 + 32 + code.Length];
        var span = image.AsSpan();
        byte[] ident = [0x7f, (byte)'E', (byte)'L', (byte)'F', 1, 1, 1, 0];
        ident.CopyTo(span);
        BinaryPrimitives.WriteUInt16LittleEndian(span[16..], 2); // e_type: ET_EXEC
        BinaryPrimitives.WriteUInt16LittleEndian(span[18..], 3); // e_machine: EM_386
        BinaryPrimitives.WriteUInt32LittleEndian(span[20..], 1); // e_version
        BinaryPrimitives.WriteUInt32LittleEndian(span[24..], Base + 84); // e_entry
        BinaryPrimitives.WriteUInt32LittleEndian(span[28..], 52); // e_phoff
        BinaryPrimitives.WriteUInt16LittleEndian(span[40..], 52); // e_ehsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[42..], 32); // e_phentsize
        BinaryPrimitives.WriteUInt16LittleEndian(span[44..], 1); // e_phnum
        var ph = span[52..];
        BinaryPrimitives.WriteUInt32LittleEndian(ph, 1); // PT_LOAD
        BinaryPrimitives.WriteUInt32LittleEndian(ph[8..], Base); // p_vaddr
        BinaryPrimitives.WriteUInt32LittleEndian(ph[12..], Base); // p_paddr
        BinaryPrimitives.WriteUInt32LittleEndian(ph[16..], (uint)image.Length); // p_filesz
        BinaryPrimitives.WriteUInt32LittleEndian(ph[20..], (uint)image.Length); // p_memsz
        BinaryPrimitives.WriteUInt32LittleEndian(ph[24..], 5); // p_flags: R+X
        BinaryPrimitives.WriteUInt32LittleEndian(ph[28..], 0x1000); // p_align
        code.CopyTo(span[84..]);
        return image;
    }
}
