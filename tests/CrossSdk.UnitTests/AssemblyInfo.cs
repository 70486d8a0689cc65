using System.Runtime.Versioning;

// CrossSdk builds with Nix on Linux.
[assembly: SupportedOSPlatform("linux")]

// Unit tests share nothing but read-only repository files and their own temporary folders, so
// every method runs in parallel; one that must change the process (an environment variable) says
// [DoNotParallelize] itself.
[assembly: Parallelize(Scope = ExecutionScope.MethodLevel)]
