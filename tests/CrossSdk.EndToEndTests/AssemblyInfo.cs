using System.Runtime.Versioning;

// CrossSdk builds with Nix on Linux; its tests run the real Linux tools.
[assembly: SupportedOSPlatform("linux")]

// End-to-end tests share the machine's Nix store and NuGet cache; classes run one at a time.
[assembly: DoNotParallelize]
