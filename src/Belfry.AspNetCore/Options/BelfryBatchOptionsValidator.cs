using Microsoft.Extensions.Options;

namespace Belfry.AspNetCore.Options;

/// <summary>Checks <see cref="BelfryBatchOptions"/> at start-up (<c>ValidateOnStart</c>), reporting every problem at once.</summary>
internal sealed class BelfryBatchOptionsValidator : IValidateOptions<BelfryBatchOptions>
{
    private static readonly TimeSpan MinimumLease = TimeSpan.FromSeconds(3);

    public ValidateOptionsResult Validate(string? name, BelfryBatchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.Issuer, UriKind.Absolute, out var issuer)
            || (issuer.Scheme != Uri.UriSchemeHttp && issuer.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("Issuer must be an absolute http(s) URL, e.g. http://127.0.0.1:8085.");
        }
        else if (issuer.Scheme == Uri.UriSchemeHttp && options.EffectiveRequireHttpsMetadata)
        {
            failures.Add($"Issuer {options.Issuer} is plain HTTP beyond loopback; use https, or set RequireHttpsMetadata = false to allow it.");
        }

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add("Audience is required: the exact aud claim this service accepts, usually its base URL.");
        }

        if (!Enum.IsDefined(options.RunKeyGranularity))
        {
            failures.Add($"RunKeyGranularity {options.RunKeyGranularity} is not one of Day, Hour, Minute, Exact.");
        }

        if (options.LeaseDuration < MinimumLease)
        {
            failures.Add($"LeaseDuration must be at least {MinimumLease.TotalSeconds:0} s (it is renewed every third of it).");
        }

        if (options.TokenClockSkew < TimeSpan.Zero || options.TokenClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add("TokenClockSkew must be between 0 and 5 minutes.");
        }

        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options.DefaultTimeZone ?? "", out _))
        {
            failures.Add($"DefaultTimeZone \"{options.DefaultTimeZone}\" is not a known IANA time zone.");
        }

        if (options.AllowedCallers.Any(string.IsNullOrWhiteSpace))
        {
            failures.Add("AllowedCallers must not contain blank entries.");
        }
        else if (options.AllowedCallers.Count == 0 && BelfryBatchOptions.IsGoogleIssuer(options.Issuer))
        {
            // Google signs an identity token with any audience for any service account of any project: without a
            // list, anyone on Google Cloud could run these endpoints.
            failures.Add("AllowedCallers is required with Google's issuer: name the scheduler's service account(s).");
        }

        if (options.Ledger is null)
        {
            failures.Add("No execution ledger: call UseSqliteLedger(path) or UsePostgresLedger(connectionString).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
