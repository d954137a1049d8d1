namespace Belfry.Testing;

/// <summary>A full answer of <see cref="RecordingTarget"/>: a status, and optionally a JSON body and headers.</summary>
public sealed record TargetReply(int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null);
