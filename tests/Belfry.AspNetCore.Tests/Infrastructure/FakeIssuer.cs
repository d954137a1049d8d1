using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>
/// A stand-in for Belfry's OIDC issuer over real loopback HTTP: publishes the discovery document and a JWKS with one
/// RS256 key, and mints tokens with that key (or any other, for the refusal cases).
/// </summary>
public sealed class FakeIssuer : IAsyncDisposable
{
    public const string KeyId = "belfry-test-1";

    // Generating RSA keys is slow; every issuer starts with the same one (tests are about verification, not secrecy).
    private static readonly RSA FirstKey = RSA.Create(2048);
    private readonly WebApplication _app;
    private readonly List<RsaSecurityKey> _published = [];

    private FakeIssuer(WebApplication app, RSA rsa)
    {
        _app = app;
        SigningKey = new RsaSecurityKey(rsa) { KeyId = KeyId };
        _published.Add(SigningKey);
    }

    /// <summary>The issuer URL, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>The key tokens are signed with; <see cref="RotateKey"/> replaces it (the old one stays published).</summary>
    public RsaSecurityKey SigningKey { get; private set; }

    private int _discoveryRequests;

    /// <summary>How many times the discovery document was fetched.</summary>
    public int DiscoveryRequests => Volatile.Read(ref _discoveryRequests);

    public static async Task<FakeIssuer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var issuer = new FakeIssuer(app, FirstKey);
        app.MapGet("/.well-known/openid-configuration", () =>
        {
            Interlocked.Increment(ref issuer._discoveryRequests);
            return Results.Json(new Dictionary<string, object>
            {
                ["issuer"] = issuer.Issuer,
                ["jwks_uri"] = issuer.Issuer + "/.well-known/jwks.json",
                ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
                ["response_types_supported"] = new[] { "id_token" },
                ["subject_types_supported"] = new[] { "public" },
            });
        });
        app.MapGet("/.well-known/jwks.json", () =>
        {
            List<RsaSecurityKey> keys;
            lock (issuer._published)
            {
                keys = [.. issuer._published];
            }

            return Results.Json(new Dictionary<string, object>
            {
                ["keys"] = keys.Select(key =>
                {
                    var parameters = key.Rsa.ExportParameters(includePrivateParameters: false);
                    return new Dictionary<string, string>
                    {
                        ["kty"] = "RSA",
                        ["use"] = "sig",
                        ["alg"] = "RS256",
                        ["kid"] = key.KeyId,
                        ["n"] = Base64UrlEncoder.Encode(parameters.Modulus),
                        ["e"] = Base64UrlEncoder.Encode(parameters.Exponent),
                    };
                }).ToArray(),
            });
        });
        await app.StartAsync();
        issuer.Issuer = app.Urls.Single().TrimEnd('/');
        return issuer;
    }

    /// <summary>
    /// Mints a token issued at <paramref name="now"/> for an hour, like Belfry's. Claims are added as given (numbers
    /// stay numbers). <paramref name="issuer"/>, <paramref name="key"/> and the lifetime can be bent for refusal tests.
    /// </summary>
    public string Mint(
        DateTimeOffset now,
        string audience,
        IReadOnlyDictionary<string, object>? claims = null,
        string? issuer = null,
        SecurityKey? key = null,
        string algorithm = SecurityAlgorithms.RsaSha256,
        TimeSpan? lifetime = null)
    {
        var payload = new Dictionary<string, object>
        {
            ["sub"] = "scheduler@belfry.test",
            ["email"] = "scheduler@belfry.test",
            ["email_verified"] = true,
        };
        foreach (var (name, value) in claims ?? new Dictionary<string, object>())
        {
            payload[name] = value;
        }

        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = (now + (lifetime ?? TimeSpan.FromHours(1))).UtcDateTime,
            Claims = payload,
            SigningCredentials = new SigningCredentials(key ?? SigningKey, algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>A job's full name in the test project <c>p</c>, location <c>l</c> (or another project).</summary>
    public static string FullName(string job, string project = "p") => $"projects/{project}/locations/l/jobs/{job}";

    /// <summary>The claims Belfry adds for one occurrence (the same values go in the X-CloudScheduler-* headers).</summary>
    public static Dictionary<string, object> BelfryClaims(
        string job,
        string scheduleTime,
        string timeZone = "Asia/Tokyo",
        string trigger = "scheduled",
        int attempt = 1,
        long epoch = 1,
        string execution = "exec-1",
        string project = "p") => new()
        {
            ["belfry_job"] = job,
            ["belfry_job_name"] = FullName(job, project),
            ["belfry_schedule_time"] = scheduleTime,
            ["belfry_time_zone"] = timeZone,
            ["belfry_execution"] = execution,
            ["belfry_attempt"] = attempt,
            ["belfry_epoch"] = epoch,
            ["belfry_trigger"] = trigger,
        };

    /// <summary>Rotates: a new key (new kid) signs from now on; the old one stays in the JWKS, as Belfry does.</summary>
    public void RotateKey()
    {
        lock (_published)
        {
            SigningKey = new RsaSecurityKey(RSA.Create(2048)) { KeyId = $"belfry-test-{_published.Count + 1}" };
            _published.Add(SigningKey);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var key in _published.Where(key => key.Rsa != FirstKey))
        {
            key.Rsa.Dispose();
        }
    }
}
