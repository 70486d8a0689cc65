namespace CrossSdk.Diagnostics;

/// <summary>
/// Every code CrossSdk reports. Codes are stable: a code is never reused for another meaning.
/// Each has a page under docs/diagnostics/.
/// </summary>
internal static class DiagnosticCodes
{
    /// <summary>A CrossTarget/CrossTargets/RuntimeIdentifier value names no known target.</summary>
    public const string UnknownTarget = "CROSS0001";

    /// <summary>CrossSdk runs only in the .NET (Core) MSBuild.</summary>
    public const string UnsupportedMSBuild = "CROSS0002";

    /// <summary>No nixpkgs: CrossNixpkgs does not exist, or &lt;nixpkgs&gt; is not on NIX_PATH.</summary>
    public const string NixpkgsNotFound = "CROSS0003";

    /// <summary>The nix executable cannot be started.</summary>
    public const string NixNotFound = "CROSS0004";

    /// <summary>Nix is older than 2.8.</summary>
    public const string NixTooOld = "CROSS0005";

    /// <summary>A CrossPackage names a file that does not exist.</summary>
    public const string PackageFileNotFound = "CROSS0006";

    /// <summary>Nix could not evaluate the expression (error in a package file, overlay or nixpkgs).</summary>
    public const string NixEvaluationFailed = "CROSS0007";

    /// <summary>A derivation failed to build.</summary>
    public const string NixBuildFailed = "CROSS0008";

    /// <summary>A collected ELF file is not for the target it was built for.</summary>
    public const string ArtifactWrongMachine = "CROSS0009";

    /// <summary>Two collected files want the same name in one target folder.</summary>
    public const string ArtifactNameClash = "CROSS0010";

    /// <summary>CrossStrategy (or a Strategy metadata value) is not one of auto, cross, emulated, native.</summary>
    public const string InvalidStrategy = "CROSS0011";

    /// <summary>The strategy asked for cannot serve the target (native for a foreign system, cross with no pkgsCross name).</summary>
    public const string StrategyNotPossible = "CROSS0012";

    /// <summary>Nix printed something CrossSdk cannot read (a bug in CrossSdk or an unsupported Nix).</summary>
    public const string UnexpectedNixOutput = "CROSS0013";

    /// <summary>Nix will not build the target system (not in extra-platforms, or an untrusted user).</summary>
    public const string NixRefusesSystem = "CROSS0014";

    /// <summary>No emulator runs the target's code (no binfmt_misc handler, disabled, or unusable in the sandbox).</summary>
    public const string NoEmulator = "CROSS0015";

    /// <summary>Nix rejected its command line: an unknown flag or setting in CrossNixOptions or CrossNixArgument.</summary>
    public const string NixRejectedOptions = "CROSS0016";

    /// <summary>A shipped file points into /nix/store (CrossPortability=check, or a rewrite that failed).</summary>
    public const string StorePathInArtifact = "CROSS0017";

    /// <summary>A shipped file needs a library from the Nix closure that could not be found to ship beside it.</summary>
    public const string NeededLibraryMissing = "CROSS0018";

    /// <summary>A shipped file needs a newer glibc than CrossGlibcFloor.</summary>
    public const string GlibcTooNew = "CROSS0019";

    /// <summary>CrossPortability or CrossGlibcFloor has an invalid value.</summary>
    public const string InvalidPortability = "CROSS0020";

    /// <summary>A CrossOverlay or CrossCompiler is invalid: a missing file, an unknown package scope, a bad compiler name.</summary>
    public const string InvalidOverlay = "CROSS0021";

    /// <summary>A target given as a GNU triple has no .NET RID: the CrossTarget item needs Rid metadata.</summary>
    public const string TargetNeedsRid = "CROSS0022";

    /// <summary>The C toolchain for a NativeAOT cross-publish is missing or does not build for the target (-dumpmachine).</summary>
    public const string AotToolchainMismatch = "CROSS0023";

    /// <summary>A RID (CrossTarget's Rid metadata) is not letters, digits, '-' and '.'.</summary>
    public const string InvalidRid = "CROSS0030";

    /// <summary>A CrossPackage's Outputs metadata names something that is not a Nix derivation output name.</summary>
    public const string InvalidOutputName = "CROSS0031";

    /// <summary>A CrossPackage's Include glob is absolute or climbs out of the output with '..'.</summary>
    public const string InvalidIncludeGlob = "CROSS0032";

    /// <summary>A CrossPackage's Link metadata is not shared or static.</summary>
    public const string InvalidLink = "CROSS0033";

    /// <summary>CrossEmulationSlowdown is not a positive number.</summary>
    public const string InvalidEmulationSlowdown = "CROSS0034";

    /// <summary>The NativeAOT executable to check is not an ELF file.</summary>
    public const string AotBinaryNotElf = "CROSS0035";

    /// <summary>The flake.lock's nixpkgs does not match its source any more (NAR hash mismatch): the lock is stale.</summary>
    public const string FlakeLockStale = "CROSS0036";
    /// <summary>Nix's build users are missing: the group named by build-users-group, or its users.</summary>
    public const string NixBuildUsersMissing = "CROSS0050";

    /// <summary>The build sandbox cannot run the builder: it is outside the store and not in extra-sandbox-paths.</summary>
    public const string SandboxCannotRunBuilder = "CROSS0051";

    /// <summary>Nix cannot reach its daemon (NIX_REMOTE=daemon): no socket, connection refused, user not allowed.</summary>
    public const string NixDaemonUnreachable = "CROSS0052";

    /// <summary>Nix may not write its store or state (/nix/store, /nix/var/nix): permission denied, read-only.</summary>
    public const string NixStoreNotWritable = "CROSS0053";

    /// <summary>No space left on the device of the store or the build folder.</summary>
    public const string NixDiskFull = "CROSS0054";

    /// <summary>An experimental Nix feature something needs is off (experimental-features).</summary>
    public const string NixExperimentalFeatureOff = "CROSS0055";

    /// <summary>Nix rejects a setting of its own configuration (nix.conf, NIX_CONFIG), not one of CrossSdk's arguments.</summary>
    public const string NixConfigurationRejected = "CROSS0056";

    /// <summary>Nix could not download: a substituter (binary cache) or the network is unreachable.</summary>
    public const string NixNetworkFailed = "CROSS0057";

    /// <summary>Nix itself (or its daemon) crashed: a signal, an assertion, an unexpected daemon error.</summary>
    public const string NixCrashed = "CROSS0058";

    /// <summary>Nix failed with a message CrossSdk does not know; the message is quoted, no cause is guessed.</summary>
    public const string NixFailedUnrecognised = "CROSS0059";
    /// <summary>obj/cross/.lock cannot be created or written: a read-only file system, no permission, or a full disk.</summary>
    public const string LockFileUnavailable = "CROSS0040";

    /// <summary>Another build of the project held obj/cross/.lock for longer than CrossLockTimeout.</summary>
    public const string LockTimeout = "CROSS0041";

    /// <summary>A file a CrossPackage's Collect globs match is a symlink whose target does not exist.</summary>
    public const string DanglingSymlink = "CROSS0042";

    /// <summary>A collected file starts like an ELF file but is truncated or malformed.</summary>
    public const string MalformedElf = "CROSS0043";

    /// <summary>A bug in CrossSdk: a task failed with an exception it did not expect.</summary>
    public const string InternalError = "CROSS0044";

    /// <summary>CrossLockTimeout is not a number of seconds (0 or more).</summary>
    public const string InvalidLockTimeout = "CROSS0045";

    /// <summary>No emulator runs the run target's programs: no binfmt_misc handler that is QEMU, no qemu-&lt;arch&gt;[-static] on PATH.</summary>
    public const string NoRunEmulator = "CROSS0060";

    /// <summary>`dotnet run`/`dotnet test` on a target for which Microsoft publishes no .NET runtime pack (linux-riscv64).</summary>
    public const string NoRuntimePack = "CROSS0061";

    /// <summary>The .NET runtime pack for the run target could not be restored from the NuGet feeds.</summary>
    public const string RuntimePackNotRestored = "CROSS0062";

    /// <summary>`dotnet run`/`dotnet test` with several targets and no CrossRunTarget naming one.</summary>
    public const string SeveralRunTargets = "CROSS0063";

    /// <summary>`dotnet test` on the target of a test project that is not a Microsoft.Testing.Platform app (VSTest).</summary>
    public const string TestNotRunnableUnderEmulation = "CROSS0064";

    /// <summary>Printed by the run script: the app (the .NET runtime) died of a signal under QEMU.</summary>
    public const string RuntimeCrashUnderEmulation = "CROSS0065";

    /// <summary>The runtime root from Nix has no dynamic loader for the target.</summary>
    public const string RuntimeRootIncomplete = "CROSS0066";

    /// <summary>Warning: a Nix daemon ignores CrossSubstituters or CrossTrustedPublicKeys from this untrusted user.</summary>
    public const string CacheIgnoredUntrusted = "CROSS0070";

    /// <summary>Copying the build's outputs to CrossCacheUpload failed (a warning; an error with CrossCacheUploadRequired=true).</summary>
    public const string CacheUploadFailed = "CROSS0071";

    /// <summary>CrossCacheUpload is not a store URL CrossSdk can push to (file://, ssh://, ssh-ng://, s3://, http(s)://).</summary>
    public const string InvalidCacheUpload = "CROSS0072";

    /// <summary>CrossCacheSigningKeyFile does not exist or cannot be read.</summary>
    public const string SigningKeyUnreadable = "CROSS0073";

    /// <summary>Warning: a Nix daemon ignores CrossBuilders from this untrusted user.</summary>
    public const string BuildersIgnoredUntrusted = "CROSS0074";

    /// <summary>Warning: a remote builder line will not be used for a target (system not listed, no big-parallel feature).</summary>
    public const string BuilderUnusable = "CROSS0075";

    /// <summary>Warning: a remote builder did not answer (nix store ping), so CrossSdk plans without it.</summary>
    public const string BuilderNotAnswering = "CROSS0076";

    /// <summary>A binary cache answered with something that is not a Nix cache's file (a corrupt narinfo or NAR).</summary>
    public const string BinaryCacheCorrupt = "CROSS0077";

    /// <summary>A shipped file or NativeAOT executable needs a newer glibc than its target's CrossGlibc (or Glibc metadata).</summary>
    public const string GlibcTargetNotMet = "CROSS0080";

    /// <summary>CrossGlibc (or a CrossTarget's Glibc metadata) is not a glibc version such as 2.31.</summary>
    public const string InvalidGlibc = "CROSS0081";

    /// <summary>A nixpkgs named `flake.lock#input`, but there is no flake.lock or it has no such input.</summary>
    public const string FlakeLockInputNotFound = "CROSS0082";

    /// <summary>Warning: a Nix file the build evaluated reads a path CrossSdk cannot see (a computed path, an environment variable).</summary>
    public const string UnseenNixRead = "CROSS0090";

    /// <summary>A symbolic link in a folder CrossSdk follows (CrossInput, nixpkgs) leads back to a folder above it.</summary>
    public const string SymlinkLoop = "CROSS0091";

    /// <summary>A file the manifest ships is missing from obj/cross/out or differs from what the build shipped (publish or pack with --no-build).</summary>
    public const string ShippedFileMissing = "CROSS0092";

    /// <summary>A Windows target with CrossStrategy emulated or native: Windows builds only cross, with MinGW.</summary>
    public const string WindowsBuildsOnlyCross = "CROSS0100";

    /// <summary>Two different targets of one build ship to the same RID (mingwW64 and ucrt64 are both win-x64).</summary>
    public const string TargetsShareRid = "CROSS0101";

    /// <summary>A shipped Windows DLL or program imports a DLL that is not a Windows system DLL and ships nowhere beside it.</summary>
    public const string WindowsImportMissing = "CROSS0102";

    /// <summary>A collected file starts like a Windows PE file ("MZ") but is truncated or malformed.</summary>
    public const string MalformedPe = "CROSS0103";

    /// <summary>`dotnet run` on a Windows target, and no Wine is installed.</summary>
    public const string NoWine = "CROSS0104";

    /// <summary>`dotnet run`/`dotnet test` on win-x86 or win-arm64 where nothing runs their programs (no 32-bit Wine or i386 kernel support; no arm64 Windows).</summary>
    public const string NothingRunsWindowsTarget = "CROSS0105";

    /// <summary>`dotnet test` on a Windows target: its pipe to the test app cannot reach a program under Wine; `dotnet run` runs the tests.</summary>
    public const string TestUnderWineNeedsRun = "CROSS0106";

    /// <summary>PublishAot for a win-* RID on Linux: NativeAOT links Windows executables with MSVC's linker, which MinGW cannot replace.</summary>
    public const string AotWindowsNotPossible = "CROSS0107";

    /// <summary>Warning: a shipped Windows DLL imports a Windows function newer than the oldest Windows .NET 10 runs on (Windows 8 / Server 2012).</summary>
    public const string WindowsApiNewerThanTarget = "CROSS0108";

    /// <summary>Warning: a shipped Windows DLL's PE subsystem version asks for a Windows newer than the oldest .NET 10 runs on.</summary>
    public const string WindowsSubsystemNewerThanTarget = "CROSS0109";

    /// <summary>Warning: a musl RID of the RID graph falls back to a shipped glibc RID (linux-musl-x64 to linux-x64).</summary>
    public const string MuslFallsBackToGlibc = "CROSS0120";

    /// <summary>Warning: an Android RID (linux-bionic-*, android-*) falls back to a shipped glibc RID.</summary>
    public const string BionicFallsBackToGlibc = "CROSS0121";

    /// <summary>A setting's value is not of its kind: a whole number out of range or none, a switch neither true nor false.</summary>
    public const string InvalidSetting = "CROSS0130";

    /// <summary>The tasks were given a setting name no request field has (or a name twice): the list and the tasks disagree.</summary>
    public const string UnknownSetting = "CROSS0131";

    /// <summary>A setting that can hold a credential came as a logged _CrossSetting item's value.</summary>
    public const string SecretSettingLogged = "CROSS0132";
    /// <summary>The nixpkgs in use lacks an attribute a target's strategy needs (pkgsMusl, a pkgsCross example).</summary>
    public const string NixpkgsLacksTargetAttribute = "CROSS0122";
    /// <summary>Warning at pack: a shipped file needs a newer glibc than .NET itself needs on its RID.</summary>
    public const string GlibcBeyondDotnet = "CROSS0125";

    /// <summary>CrossGlibcFloor=dotnet: a shipped file needs a newer glibc than .NET itself needs on its RID.</summary>
    public const string GlibcBeyondDotnetFloor = "CROSS0126";

    /// <summary>CrossTargets=dotnet names a RID .NET supports that CrossSdk cannot build.</summary>
    public const string DotnetRidNotBuildable = "CROSS0127";

    /// <summary>CrossTargets=dotnet: the .NET SDK's bundled versions file is missing or lists no RIDs.</summary>
    public const string DotnetRidsUnknown = "CROSS0128";

    /// <summary>Warning: a package produced no file matching its Collect globs for a target.</summary>
    public const string NoArtifacts = "CROSS1001";

    /// <summary>
    /// The page of a code: the copy shipped in the CrossSdk package (docs/diagnostics/, beside
    /// tools/), as a file URI an IDE can open; else its path in the CrossSdk repository.
    /// </summary>
    public static string HelpLink(string code)
    {
        var page = DocsFolder is null ? null : Path.Combine(DocsFolder, code + ".md");
        return page is not null && File.Exists(page) ? new Uri(page).AbsoluteUri : $"docs/diagnostics/{code}.md";
    }

    /// <summary>Every code, for documentation and tests.</summary>
    public static IReadOnlyList<string> All { get; } = typeof(DiagnosticCodes)
        .GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToList();

    // tools/net8.0/CrossSdk.Tasks.dll -> docs/diagnostics/
    private static readonly string? DocsFolder = Path.GetDirectoryName(typeof(DiagnosticCodes).Assembly.Location) is { Length: > 0 } dir
        ? Path.GetFullPath(Path.Combine(dir, "..", "..", "docs", "diagnostics"))
        : null;
}
