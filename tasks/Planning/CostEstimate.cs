namespace CrossSdk.Planning;

/// <summary>What Nix would do to realise a plan (from a dry run): derivations to build, paths to fetch.</summary>
internal sealed record CostEstimate(int Built, int Fetched);
