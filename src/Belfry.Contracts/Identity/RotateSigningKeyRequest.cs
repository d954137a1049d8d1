namespace Belfry.Contracts.Identity;

/// <summary><c>POST /v1/keys:rotate</c> takes <c>{}</c>.</summary>
public sealed class RotateSigningKeyRequest;
