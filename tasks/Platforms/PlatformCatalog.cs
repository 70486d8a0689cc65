using CrossSdk.Diagnostics;

namespace CrossSdk.Platforms;

/// <summary>
/// The targets CrossSdk knows (the target table of docs/targets.md), and the parsing of the
/// four spellings a user may give: Nix system, pkgsCross name, GNU config triple, .NET RID.
/// Pure: no I/O.
/// <para>
/// Windows rows are nixpkgs' MinGW examples (lib/systems/examples.nix: mingwW64, mingw32 with
/// libc "msvcrt"; ucrt64 and ucrtAarch64 with libc "ucrt", the latter with useLLVM). The default C
/// runtime of x86_64 and i686 is msvcrt: it is part of every Windows .NET runs on, it is what
/// nixpkgs' long-standing mingwW64/mingw32 and Debian's MinGW compilers use (so the same choice
/// builds offline and with real nixpkgs), and nixpkgs has no UCRT example for i686. A P/Invoked
/// C library shares no CRT state (FILE*, malloc'd memory) with .NET, which frees nothing it did
/// not allocate, so a msvcrt DLL in a .NET process (itself on the UCRT) is safe. ucrt64 is the
/// opt-in (it ships to the same runtimes/win-x64/native/); aarch64 has only ucrtAarch64.
/// Recent nixpkgs also has examples named x86_64-windows and aarch64-windows, for the MSVC ABI
/// (x86_64-pc-windows-msvc, clang-cl, Microsoft's SDK): here those names are the Nix systems of
/// the MinGW rows, as hostPlatform.system of pkgsCross.mingwW64 is "x86_64-windows".
/// </para>
/// </summary>
internal static class PlatformCatalog
{
    private static readonly ElfIdentity X64 = Cpus.ByName("x86_64")!.Elf;
    private static readonly ElfIdentity X86 = Cpus.ByName("i686")!.Elf;
    private static readonly ElfIdentity Arm64 = Cpus.ByName("aarch64")!.Elf;
    private static readonly ElfIdentity ArmHf = Cpus.ByName("armv7l")!.Elf;
    private static readonly ElfIdentity RiscV64 = Cpus.ByName("riscv64")!.Elf;
    private static readonly ElfIdentity LoongArch64 = Cpus.ByName("loongarch64")!.Elf;
    private static readonly ElfIdentity Ppc64Le = Cpus.ByName("powerpc64le")!.Elf;
    private static readonly ElfIdentity S390X = Cpus.ByName("s390x")!.Elf;

    /// <summary>
    /// All targets. The glibc row of each Nix system comes first: a bare Nix system means glibc,
    /// since the Nix system never names the libc; likewise msvcrt before ucrt for a Windows system,
    /// RID or triple.
    /// </summary>
    public static IReadOnlyList<TargetPlatform> All { get; } =
    [
        new("x86_64-linux", "gnu64", "x86_64-unknown-linux-gnu", "linux-x64", Libc.Glibc, X64),
        new("x86_64-linux", "musl64", "x86_64-unknown-linux-musl", "linux-musl-x64", Libc.Musl, X64),
        new("i686-linux", "gnu32", "i686-unknown-linux-gnu", "linux-x86", Libc.Glibc, X86),
        new("i686-linux", "musl32", "i686-unknown-linux-musl", "linux-musl-x86", Libc.Musl, X86),
        new("aarch64-linux", "aarch64-multiplatform", "aarch64-unknown-linux-gnu", "linux-arm64", Libc.Glibc, Arm64),
        new("aarch64-linux", "aarch64-multiplatform-musl", "aarch64-unknown-linux-musl", "linux-musl-arm64", Libc.Musl, Arm64),
        new("armv7l-linux", "armv7l-hf-multiplatform", "armv7l-unknown-linux-gnueabihf", "linux-arm", Libc.Glibc, ArmHf),
        // nixpkgs has no pkgsCross example for armv7l musl (Alpine's armv7): its triple names it.
        new("armv7l-linux", null, "armv7l-unknown-linux-musleabihf", "linux-musl-arm", Libc.Musl, ArmHf),
        new("armv6l-linux", "raspberryPi", "armv6l-unknown-linux-gnueabihf", "linux-armv6", Libc.Glibc, ArmHf),
        new("armv6l-linux", "muslpi", "armv6l-unknown-linux-musleabihf", "linux-musl-armv6", Libc.Musl, ArmHf),
        new("riscv64-linux", "riscv64", "riscv64-unknown-linux-gnu", "linux-riscv64", Libc.Glibc, RiscV64),
        new("riscv64-linux", "riscv64-musl", "riscv64-unknown-linux-musl", "linux-musl-riscv64", Libc.Musl, RiscV64),
        new("loongarch64-linux", "loongarch64-linux", "loongarch64-unknown-linux-gnu", "linux-loongarch64", Libc.Glibc, LoongArch64),
        new("powerpc64le-linux", "powernv", "powerpc64le-unknown-linux-gnu", "linux-ppc64le", Libc.Glibc, Ppc64Le),
        new("powerpc64le-linux", "musl-power", "powerpc64le-unknown-linux-musl", "linux-musl-ppc64le", Libc.Musl, Ppc64Le),
        new("s390x-linux", "s390x", "s390x-unknown-linux-gnu", "linux-s390x", Libc.Glibc, S390X),
        new("x86_64-windows", "mingwW64", "x86_64-w64-mingw32", "win-x64", Libc.Msvcrt, X64),
        new("x86_64-windows", "ucrt64", "x86_64-w64-mingw32", "win-x64", Libc.Ucrt, X64),
        new("i686-windows", "mingw32", "i686-w64-mingw32", "win-x86", Libc.Msvcrt, X86),
        new("aarch64-windows", "ucrtAarch64", "aarch64-w64-mingw32", "win-arm64", Libc.Ucrt, Arm64),
    ];

    /// <summary>Finds the target a spelling names, or null.</summary>
    public static TargetPlatform? TryResolve(string spelling)
    {
        var s = spelling.Trim();
        if (s.Length == 0)
        {
            return null;
        }

        // Order matters where spellings overlap: "riscv64" is a pkgsCross name, "s390x" too.
        return All.FirstOrDefault(t => Eq(t.NixSystem, s))
            ?? All.FirstOrDefault(t => Eq(t.Rid, s))
            ?? All.FirstOrDefault(t => Eq(t.PkgsCross, s))
            ?? All.FirstOrDefault(t => Eq(t.Config, s))
            ?? All.FirstOrDefault(t => Eq(t.Config, WithUnknownVendor(s)));
    }

    /// <summary>Finds the target a spelling names, or throws CROSS0001 with the nearest valid spellings.</summary>
    /// <param name="spelling">A Nix system, pkgsCross name, RID or GNU triple.</param>
    /// <param name="source">What the value came from, for the message.</param>
    /// <param name="rid">For a triple with no known RID: the RID its files ship under (CrossTarget's Rid metadata).</param>
    public static TargetPlatform Resolve(string spelling, string source, string? rid = null)
    {
        var givenRid = string.IsNullOrWhiteSpace(rid) ? null : RidSyntax.Validate(rid!, $"The Rid metadata of {source} '{UserText.Display(spelling.Trim())}'");
        var target = TryResolve(spelling);
        if (target is not null)
        {
            return givenRid is null ? target : target with { Rid = givenRid };
        }

        if (Triples.TryParse(spelling) is { } triple)
        {
            var known = givenRid ?? (triple.Rid.Length > 0 ? triple.Rid : null);
            return known is null
                ? throw new CrossException(
                    DiagnosticCodes.TargetNeedsRid,
                    $"{source} '{spelling}' is a GNU triple that no .NET RID names, so CrossSdk does not know which runtimes/<rid>/native/ folder its files go to. " +
                    $"Give one with Rid metadata: <CrossTarget Include=\"{spelling.Trim()}\" Rid=\"linux-<arch>\" />.")
                : triple with { Rid = known };
        }

        var suggestions = Suggest(spelling);
        var hint = suggestions.Count > 0 ? $" Did you mean {string.Join(" or ", suggestions.Select(x => $"'{x}'"))}?" : "";
        throw new CrossException(
            DiagnosticCodes.UnknownTarget,
            $"{source} '{UserText.Display(spelling)}' is not a target CrossSdk knows.{hint} A target is a Nix system (aarch64-linux), " +
            $"a pkgsCross name (aarch64-multiplatform, mingwW64), a .NET RID (linux-arm64, win-x64) or a GNU triple (aarch64-unknown-linux-gnu, x86_64-w64-mingw32). " +
            $"Valid Nix systems: {string.Join(", ", All.Select(t => t.NixSystem).Distinct())}.");
    }

    /// <summary>Every accepted spelling, for suggestions and documentation.</summary>
    public static IEnumerable<string> Spellings() =>
        All.SelectMany(t => new[] { t.NixSystem, t.Rid, t.PkgsCross, t.Config }).OfType<string>().Distinct(StringComparer.Ordinal);

    /// <summary>The nearest valid spellings by edit distance, best first (at most three).</summary>
    public static IReadOnlyList<string> Suggest(string spelling)
    {
        var s = spelling.Trim().ToLowerInvariant();
        var limit = Math.Max(2, s.Length / 3);
        return Spellings()
            .Select(c => (Candidate: c, Distance: EditDistance.Levenshtein(s, c.ToLowerInvariant())))
            .Where(x => x.Distance <= limit)
            .OrderBy(x => x.Distance)
            .ThenBy(x => x.Candidate, StringComparer.Ordinal)
            .Select(x => x.Candidate)
            .Take(3)
            .ToList();
    }

    /// <summary>The row for the machine CrossSdk runs on, from the .NET runtime's own RID: never a Windows row (CrossSdk needs Linux with Nix).</summary>
    public static TargetPlatform? ForRuntimeIdentifier(string rid) =>
        All.FirstOrDefault(t => !t.IsWindows && Eq(t.Rid, rid));

    private static bool Eq(string? a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    // Debian spells triples without the vendor (aarch64-linux-gnu); nixpkgs with it.
    private static string WithUnknownVendor(string s)
    {
        var parts = s.Split('-');
        return parts.Length == 3 && parts[1] == "linux" ? $"{parts[0]}-unknown-{parts[1]}-{parts[2]}" : s;
    }
}
