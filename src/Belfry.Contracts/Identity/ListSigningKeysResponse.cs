namespace Belfry.Contracts.Identity;

/// <summary><c>GET /v1/keys</c>: the published signing keys, the current one first, then the retired ones, most recently retired first.</summary>
public sealed class ListSigningKeysResponse
{
    /// <summary>The current key, then the retired ones still published.</summary>
    public List<SigningKeyResource> Keys { get; set; } = [];
}
