using System.Text.Json;
using System.Text.RegularExpressions;

namespace CrossSdk.Nix.Log;

/// <summary>One line of `--log-format internal-json` (https://github.com/NixOS/nix/blob/master/src/libutil/logging.cc).</summary>
internal abstract record NixLogEvent
{
    /// <summary>A message: level 0 error, 1 warn, 2 notice, 3 info, 4 talkative, 5 chatty, 6 debug, 7 vomit.</summary>
    public sealed record Message(int Level, string Text, string? File, int Line, int Column) : NixLogEvent;

    public sealed record Started(long Id, int Type, string Text, IReadOnlyList<JsonElement> Fields) : NixLogEvent;

    public sealed record Result(long Id, int Type, IReadOnlyList<JsonElement> Fields) : NixLogEvent;

    public sealed record Stopped(long Id) : NixLogEvent;

    /// <summary>A line that is not internal-json (some messages bypass the logger).</summary>
    public sealed record Plain(string Text) : NixLogEvent;
}

