using System.Runtime.Versioning;

// CrossSdk builds with Nix on Linux; its tests run the real Linux tools.
[assembly: SupportedOSPlatform("linux")]

// The process tests share the machine's Nix store, and some change the process's environment;
// the in-process MSBuild tests share MSBuild's default BuildManager: classes run one at a time.
[assembly: DoNotParallelize]
