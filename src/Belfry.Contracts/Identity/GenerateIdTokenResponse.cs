namespace Belfry.Contracts.Identity;

/// <summary>The answer of <c>:generateIdToken</c>: <c>{"token":"…"}</c>.</summary>
public sealed class GenerateIdTokenResponse
{
    /// <summary>The signed JWT.</summary>
    public string? Token { get; set; }
}
