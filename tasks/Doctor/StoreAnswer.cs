namespace CrossSdk.Doctor;

/// <summary>A remote builder or binary cache as CrossDoctor lists it: what it is, and whether it answered.</summary>
/// <param name="Uri">The store URI.</param>
/// <param name="Detail">For a builder, its systems and features; for a cache, empty.</param>
/// <param name="Error">Why it did not answer; null when it did.</param>
internal sealed record StoreAnswer(string Uri, string Detail, string? Error);
