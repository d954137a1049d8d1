using Belfry.AspNetCore.Ledger;

namespace Belfry.AspNetCore;

/// <summary>
/// Settings of the batch SDK, given to <see cref="BelfryBatchServiceCollectionExtensions.AddBelfryBatch"/> and
/// validated when the host starts (an invalid setting stops the start-up with every problem listed).
/// </summary>
public sealed class BelfryBatchOptions
{
    /// <summary>
    /// The token issuer, compared with the <c>iss</c> claim exactly: the scheduler's public URL, e.g.
    /// <c>http://127.0.0.1:8085</c> (or <c>https://accounts.google.com</c> for Google Cloud Scheduler). Its signing
    /// keys are read from <c>{Issuer}/.well-known/openid-configuration</c>. Required.
    /// </summary>
    public string Issuer { get; set; } = "";

    /// <summary>
    /// The audience this service accepts, compared with the <c>aud</c> claim by ordinal string equality: a trailing
    /// slash difference is a rejection (403), as with Cloud Run. Usually the service's base URL. Required.
    /// </summary>
    public string Audience { get; set; } = "";

    /// <summary>
    /// Whether the issuer's discovery document and keys must be fetched over HTTPS. Default (<see langword="null"/>):
    /// <see langword="false"/> when <see cref="Issuer"/> is an <c>http</c> URL on <c>localhost</c> or <c>127.x.x.x</c>,
    /// <see langword="true"/> otherwise, so a plain-HTTP issuer elsewhere must be allowed explicitly.
    /// </summary>
    public bool? RequireHttpsMetadata { get; set; }

    /// <summary>How much of the schedule time makes a run key. Default <see cref="RunKeyGranularity.Day"/>.</summary>
    public RunKeyGranularity RunKeyGranularity { get; set; } = RunKeyGranularity.Day;

    /// <summary>
    /// How long a claimed run stays owned without renewal. The SDK renews the lease every third of this while the
    /// handler runs, so only a crashed or hung process lets it lapse; after that a retry may run again. When no renewal
    /// gets through until a sixth of this before the lease ends, the handler's token fires and its result is not
    /// recorded (the answer is 503). Default 60 s; at least 3 s.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// The IANA zone for calls that carry neither a zone nor a schedule time (a manual <c>curl</c>): their run key is
    /// the current time in this zone. Default <c>Etc/UTC</c>.
    /// </summary>
    public string DefaultTimeZone { get; set; } = "Etc/UTC";

    /// <summary>The tolerated clock difference with the issuer when checking <c>exp</c> and <c>nbf</c>. Default 30 s.</summary>
    public TimeSpan TokenClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Who may call batch endpoints, the equivalent of Cloud Run's <c>roles/run.invoker</c> grant: service-account
    /// emails (matched against the token's <c>email</c> unless <c>email_verified</c> is false) or subjects (<c>sub</c>),
    /// compared ignoring case. Anyone else gets 403 and the handler is never called. Empty (the default) admits every
    /// caller the issuer signs for; that is refused at start-up for Google's issuer, which signs for any Google account.
    /// <see cref="BelfryBatchEndpointRouteBuilderExtensions.AllowCallers"/> replaces this list for one endpoint.
    /// </summary>
    public ICollection<string> AllowedCallers { get; } = new List<string>();

    /// <summary>
    /// Whether a run must come from Belfry's signed claims (<c>belfry_job_name</c>/<c>belfry_job</c> and
    /// <c>belfry_schedule_time</c>); the unsigned <c>X-CloudScheduler-*</c> and <c>X-Belfry-*</c> headers are then never
    /// read. Default (<see langword="null"/>): <see langword="true"/> for every issuer but
    /// <c>https://accounts.google.com</c>, whose tokens carry no such claims. A token without them is refused (403) unless
    /// <see cref="AllowManualCalls"/>.
    /// </summary>
    public bool? RequireBelfryClaims { get; set; }

    /// <summary>
    /// Whether a token without Belfry's run claims (<c>belfry auth print-identity-token</c>, <c>:generateIdToken</c>) may
    /// run an endpoint by hand when <see cref="RequireBelfryClaims"/> applies. Such a call runs "now" in
    /// <see cref="DefaultTimeZone"/>, is recorded as manual, and cannot name a schedule time (400 if it sends
    /// <c>X-CloudScheduler-ScheduleTime</c>). Default <see langword="false"/>.
    /// </summary>
    public bool AllowManualCalls { get; set; }

    internal LedgerSettings? Ledger { get; private set; }

    /// <summary>
    /// Keeps the execution ledger in a SQLite file (WAL mode), created with its table on first use. Suits a single
    /// instance, or several processes on one machine sharing the file; use PostgreSQL for several machines.
    /// </summary>
    /// <param name="path">The database file; a relative path is resolved against the current directory.</param>
    public void UseSqliteLedger(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Ledger = new LedgerSettings(LedgerKind.Sqlite, Path.GetFullPath(path));
    }

    /// <summary>
    /// Keeps the execution ledger in PostgreSQL: the <c>job_executions</c> table is created on first use, and every
    /// instance of the service pointing at the same database shares the claims.
    /// </summary>
    /// <param name="connectionString">An Npgsql connection string.</param>
    public void UsePostgresLedger(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        Ledger = new LedgerSettings(LedgerKind.Postgres, connectionString);
    }

    /// <summary>The effective <see cref="RequireHttpsMetadata"/>, after applying its default.</summary>
    internal bool EffectiveRequireHttpsMetadata => RequireHttpsMetadata ?? !IsLoopbackHttp(Issuer);

    /// <summary>The effective <see cref="RequireBelfryClaims"/>, after applying its default.</summary>
    internal bool EffectiveRequireBelfryClaims => RequireBelfryClaims ?? !IsGoogleIssuer(Issuer);

    /// <summary>Google's OIDC issuer, whose tokens never carry Belfry's claims.</summary>
    internal static bool IsGoogleIssuer(string issuer) =>
        string.Equals(issuer?.TrimEnd('/'), "https://accounts.google.com", StringComparison.OrdinalIgnoreCase);

    internal static bool IsLoopbackHttp(string issuer) =>
        Uri.TryCreate(issuer, UriKind.Absolute, out var uri)
        && uri.Scheme == Uri.UriSchemeHttp
        && (uri.IsLoopback || string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase));
}
