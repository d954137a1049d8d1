namespace Belfry.Contracts.Common;

/// <summary>The error envelope: <c>{"error":{"code":404,"message":"…","status":"NOT_FOUND"}}</c>.</summary>
public sealed class ErrorResponse
{
    /// <summary>The error.</summary>
    public ErrorBody? Error { get; set; }
}
