namespace SyncService;

/// <summary>
/// The sample's settings from ASP.NET Core configuration: <c>Belfry__Issuer</c> (default http://127.0.0.1:8085),
/// <c>Belfry__Audience</c> (default this service's own base URL), <c>ConnectionStrings__Ledger</c> (a SQLite path or
/// connection string, or an Npgsql one: see <see cref="SampleLedger"/>; default <c>ledger.db</c> in the data directory),
/// <c>Belfry__DefaultTimeZone</c> (the zone of manual calls' run dates,
/// default Asia/Tokyo as the article's jobs), <c>Belfry__SyncJob</c> (the full name of the job /sync runs, default
/// <c>projects/default/locations/asia-northeast1/jobs/sync-daily-data</c>), <c>Belfry__AllowedCallers</c>
/// (comma-separated service accounts; default empty: anyone the issuer signs for) and <c>SyncService__DataDirectory</c>
/// (default <c>./.syncservice</c>).
/// </summary>
internal sealed record SampleSettings(
    string Issuer, string Audience, string TimeZone, string SyncJob, IReadOnlyList<string> AllowedCallers, SampleLedger Ledger, string DatabasePath)
{
    private const string DefaultUrl = "http://127.0.0.1:9000";

    /// <exception cref="FormatException">A setting's value cannot be used; the message names the setting.</exception>
    public static SampleSettings From(IConfiguration configuration)
    {
        var dataDirectory = Path.GetFullPath(configuration["SyncService:DataDirectory"] ?? ".syncservice");
        Directory.CreateDirectory(dataDirectory);
        var ownUrl = (configuration["urls"] ?? DefaultUrl).Split(';', StringSplitOptions.RemoveEmptyEntries)[0].TrimEnd('/');
        return new SampleSettings(
            configuration["Belfry:Issuer"] ?? "http://127.0.0.1:8085",
            configuration["Belfry:Audience"] ?? ownUrl,
            configuration["Belfry:DefaultTimeZone"] ?? "Asia/Tokyo",
            configuration["Belfry:SyncJob"] ?? "projects/default/locations/asia-northeast1/jobs/sync-daily-data",
            (configuration["Belfry:AllowedCallers"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            SampleLedger.Parse(configuration.GetConnectionString("Ledger"), dataDirectory),
            Path.Combine(dataDirectory, "sync.db"));
    }
}
