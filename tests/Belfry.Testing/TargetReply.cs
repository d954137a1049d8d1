namespace Belfry.Testing;

/// <summary>
/// A full answer of <see cref="RecordingTarget"/>: a status, and optionally a body and headers. A text
/// <see cref="Body"/> goes as <c>application/json</c> unless <see cref="ContentType"/> says otherwise; <see cref="Bytes"/>
/// (instead of a text body) as <c>application/octet-stream</c> unless it does.
/// </summary>
public sealed record TargetReply(
    int Status, string? Body = null, IReadOnlyDictionary<string, string>? Headers = null, byte[]? Bytes = null, string? ContentType = null);
