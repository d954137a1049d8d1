using System.Diagnostics;
using Belfry.EndToEnd.Tests.Infrastructure;
using Belfry.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Belfry.EndToEnd.Tests;

/// <summary>
/// A real <c>belfry serve</c> as an OIDC issuer: targets verify its tokens with standard OpenID Connect discovery
/// alone; the admin token guards /v1; and a server that would listen beyond loopback without one does not start.
/// </summary>
public sealed class IdentityTests : IAsyncLifetime
{
    private const string AdminToken = "e2e-admin-token-7f3a9c";
    private static readonly Dictionary<string, string> WithToken = new() { ["BELFRY_ADMIN_TOKEN"] = AdminToken };
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "belfry-e2e", Guid.NewGuid().ToString("N"));
    private RecordingTarget _target = null!;
    private ServerProcess _server = null!;

    public async ValueTask InitializeAsync()
    {
        _target = await RecordingTarget.StartAsync();
        _server = await ServerProcess.StartReadyAsync(_dataDirectory, environment: WithToken);
    }

    public async ValueTask DisposeAsync()
    {
        await _server.DisposeAsync();
        await _target.DisposeAsync();
    }

    [Fact]
    public async Task OidcJob_Run_TargetVerifiesTheTokenThroughDiscovery()
    {
        var create = await BelfryAsync(WithToken, "scheduler", "jobs", "create", "http", "signed", "--schedule=0 0 1 1 *",
            $"--uri={_target.Url("/sync")}", "--oidc-service-account-email=scheduler@my-project.iam.gserviceaccount.com",
            "--oidc-token-audience=https://sync.example");
        Assert.True(create.ExitCode == 0, create.ToString());

        var run = await BelfryAsync(WithToken, "scheduler", "jobs", "run", "signed");
        Assert.True(run.ExitCode == 0, run.ToString());
        await _target.WaitForRequestsAsync(1);

        var request = Assert.Single(_target.Requests);
        var authorization = request.Header("Authorization");
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var result = await ValidateAsync(authorization["Bearer ".Length..], "https://sync.example");
        Assert.True(result.IsValid, result.Exception?.ToString());
        Assert.Equal(_server.Endpoint, result.Issuer);
        Assert.Equal("signed", result.Claims["belfry_job"]);
        Assert.Equal("manual", result.Claims["belfry_trigger"]);
        Assert.Equal(request.Header("X-CloudScheduler-ScheduleTime"), result.Claims["belfry_schedule_time"]);
        Assert.Equal(request.Header("X-Belfry-Execution"), result.Claims["belfry_execution"]);
        Assert.DoesNotContain(authorization["Bearer ".Length..], _server.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PrintIdentityToken_ThenKeysRotate_OldTokenStillVerifiesAndNewOneUsesTheNewKey()
    {
        var before = await BelfryAsync(WithToken, "auth", "print-identity-token", "--audiences=https://sync.example");
        Assert.True(before.ExitCode == 0, before.ToString());
        var oldToken = before.Stdout.TrimEnd('\n');
        Assert.DoesNotContain('\n', oldToken);

        var rotate = await BelfryAsync(WithToken, "keys", "rotate", "--format=json");
        Assert.True(rotate.ExitCode == 0, rotate.ToString());
        var after = await BelfryAsync(WithToken, "auth", "print-identity-token", "--audiences=https://sync.example");
        var newToken = after.Stdout.TrimEnd('\n');
        var list = await BelfryAsync(WithToken, "keys", "list");

        var oldResult = await ValidateAsync(oldToken, "https://sync.example");
        var newResult = await ValidateAsync(newToken, "https://sync.example");
        Assert.True(oldResult.IsValid, oldResult.Exception?.ToString());
        Assert.True(newResult.IsValid, newResult.Exception?.ToString());
        var oldKid = new JsonWebToken(oldToken).Kid;
        var newKid = new JsonWebToken(newToken).Kid;
        Assert.NotEqual(oldKid, newKid);
        Assert.Contains(newKid, rotate.Stdout, StringComparison.Ordinal);
        Assert.Contains("belfry-cli@belfry.local", newResult.Claims["email"].ToString(), StringComparison.Ordinal);
        Assert.Contains(oldKid + "  RETIRED", list.Stdout, StringComparison.Ordinal);
        Assert.Contains(newKid + "  CURRENT", list.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AdminApi_WithoutToken_Unauthenticated()
    {
        var refused = await BelfryAsync(new Dictionary<string, string>(), "scheduler", "jobs", "list");
        var allowed = await BelfryAsync(WithToken, "scheduler", "jobs", "list");

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("UNAUTHENTICATED", refused.Stderr, StringComparison.Ordinal);
        Assert.True(allowed.ExitCode == 0, allowed.ToString());
    }

    [Fact]
    public async Task Serve_BeyondLoopbackWithoutAdminToken_RefusesToStartWithOneLine()
    {
        var port = ServerProcess.FreePort();
        var info = BelfryBinary.StartInfo(["serve", "--data-dir", Path.Combine(_dataDirectory, "exposed"), "--host-port", $"0.0.0.0:{port}"]);
        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        var error = await stderr;
        Assert.StartsWith($"ERROR: Refusing to start: the server would listen on http://0.0.0.0:{port}, beyond loopback, without an admin token.", error, StringComparison.Ordinal);
        Assert.Single(error.TrimEnd('\n').Split('\n'));
        Assert.DoesNotContain("   at ", error + await stdout, StringComparison.Ordinal);
    }

    private Task<CliResult> BelfryAsync(IReadOnlyDictionary<string, string> environment, params string[] args) =>
        BelfryBinary.RunAsync(_server.Endpoint, environment, args);

    /// <summary>What JwtBearer with Authority = the server does: discovery, JWKS, then standard validation.</summary>
    private async Task<TokenValidationResult> ValidateAsync(string token, string audience)
    {
        var discovery = new ConfigurationManager<OpenIdConnectConfiguration>(
            _server.Endpoint + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever { RequireHttps = false });
        var configuration = await discovery.GetConfigurationAsync(TestContext.Current.CancellationToken);
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = configuration.Issuer,
            ValidAudience = audience,
            IssuerSigningKeys = configuration.SigningKeys,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
        });
    }
}
