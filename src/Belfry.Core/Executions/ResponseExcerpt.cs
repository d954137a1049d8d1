namespace Belfry.Core.Executions;

/// <summary>
/// What an attempt kept of a failed answer's body (issue 15, point 1; docs/semantics.md, "Response excerpts"): the start
/// of a text body, at most 4 kB of UTF-8 with credentials redacted, and its content type. A binary body keeps no
/// <see cref="Text"/>, only its content type (the attempt's error says "binary body, N bytes").
/// </summary>
/// <param name="Text">The start of the body as text, redacted; null for a binary or empty body.</param>
/// <param name="ContentType">The answer's <c>Content-Type</c> as the target sent it, when it sent one.</param>
internal sealed record ResponseExcerpt(string? Text, string? ContentType);
