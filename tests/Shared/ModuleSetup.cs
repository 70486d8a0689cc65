using System.Runtime.CompilerServices;
using Microsoft.Build.Locator;

namespace CrossSdk.Tests.Infrastructure;

internal static class ModuleSetup
{
    /// <summary>
    /// Loads MSBuild from the installed .NET SDK so the task classes can be instantiated. Must run
    /// before any MSBuild type is touched; from [AssemblyInitialize] the test host crashed.
    /// </summary>
    [ModuleInitializer]
    internal static void RegisterMSBuild()
    {
        if (!MSBuildLocator.IsRegistered)
        {
            MSBuildLocator.RegisterDefaults();
        }
    }
}
