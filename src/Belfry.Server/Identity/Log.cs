namespace Belfry.Server.Identity;

/// <summary>Identity logs: key ids, issuers, audiences and accounts; never a token or key material.</summary>
internal static partial class Log
{
    [LoggerMessage(101, LogLevel.Information, "Created signing key {Kid}")]
    public static partial void KeyCreated(ILogger logger, string kid);

    [LoggerMessage(102, LogLevel.Information, "Rotated signing keys: {Kid} signs from now on; the previous key stays published for {Minutes} minutes")]
    public static partial void KeyRotated(ILogger logger, string kid, double minutes);

    [LoggerMessage(103, LogLevel.Information, "OIDC issuer {Issuer} signs with key {Kid}")]
    public static partial void IssuerReady(ILogger logger, string issuer, string kid);

    [LoggerMessage(104, LogLevel.Information, "Issued an identity token for {ServiceAccount} with audience {Audience}")]
    public static partial void CallerTokenIssued(ILogger logger, string serviceAccount, string audience);
}
