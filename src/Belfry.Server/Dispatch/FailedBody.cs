namespace Belfry.Server.Dispatch;

/// <summary>
/// The start of a failed answer's body as <see cref="FailedBodyReader"/> read it: at most
/// <see cref="FailedBodyReader.MaxExcerptBytes"/> bytes, whether that is all of it, and the body's length when known.
/// </summary>
/// <param name="Head">The first bytes of the body.</param>
/// <param name="Complete">The body ended within <see cref="Head"/>.</param>
/// <param name="Length">The whole body's length: Content-Length, or the bytes read when the body ended; null when neither.</param>
/// <param name="Seen">The bytes read before the reading stopped (the body's end, the drain's cap, or the deadline).</param>
internal sealed record FailedBody(byte[] Head, bool Complete, long? Length, long Seen);
