using System.Globalization;
using Belfry.Contracts.Reports;
using Belfry.Contracts.Serialization;
using Belfry.Core.Reports;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;
using Belfry.Server.Cluster;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Belfry.Server.Api.Reports;

/// <summary>
/// Belfry extensions over a location's executions (issue 13, docs/observability.md): the article's success-rate
/// report, <c>GET /v1/projects/*/locations/*/jobs:report</c>, and the warehouse export,
/// <c>GET /v1/projects/*/locations/*/executions:export</c>, which streams rows a page at a time.
/// </summary>
internal static class ReportsEndpoints
{
    public const int DefaultDays = 7;
    public const string DefaultTimeZone = "UTC";

    /// <summary>Rows per store read: one page is all the export holds in memory.</summary>
    public const int ExportPageSize = 1000;

    public static void MapReportsApi(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/projects/{project}/locations/{location}/jobs:report", ReportAsync);
        routes.MapGet("/v1/projects/{project}/locations/{location}/executions:export", ExportAsync);
    }

    private static async Task<JsonHttpResult<RunReportResponse>> ReportAsync(
        string project, string location, string? days, string? timeZone, IExecutionStore store, ClusterClock clock, CancellationToken cancellationToken)
    {
        var parent = ApiNames.Location(project, location);
        var dayCount = Days(days);
        var zoneId = string.IsNullOrEmpty(timeZone) ? DefaultTimeZone : timeZone;
        var zone = Zone(zoneId);
        var since = ReportWindow.Since(clock.GetUtcNow(), zone, dayCount);
        var summaries = await store.SummarizeRunsAsync(parent, since, cancellationToken).ConfigureAwait(false);
        var response = new RunReportResponse
        {
            TimeZone = zoneId,
            Days = dayCount,
            StartDate = TimeZoneInfo.ConvertTime(since, zone).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            StartTime = since,
            Jobs = [.. summaries.Select(s => new JobRunReport
            {
                Job = s.Job.FullName,
                Runs = s.Runs,
                Successes = s.Successes,
                SuccessRate = s.SuccessRate,
                AverageDuration = DurationFormat.Format(s.AverageDuration),
                P95Duration = DurationFormat.Format(s.P95Duration),
                LastFailureTime = s.LastFailure?.FinishTime,
                LastFailureMessage = s.LastFailure?.Message,
            })],
        };
        return TypedResults.Json(response, BelfryJsonContext.Default.RunReportResponse);
    }

    /// <summary>
    /// Executions that finished in [since, until) (until defaults to now), by finish time: an export taken up to a time
    /// and the next one from it never repeat or miss a row, and an execution appears once it has its outcome.
    /// Everything is checked before the first byte; a store failure after it aborts the response, so a client never
    /// takes a cut-off export for a whole one.
    /// </summary>
    private static async Task ExportAsync(
        HttpContext context, string project, string location, string? since, string? until, string? format,
        IExecutionStore store, ClusterClock clock, CancellationToken cancellationToken)
    {
        var parent = ApiNames.Location(project, location);
        var from = Instant("since", since) ?? throw ApiException.InvalidArgument("since: required, an RFC 3339 timestamp such as 2030-01-15T00:00:00Z.");
        var to = Instant("until", until) ?? clock.GetUtcNow();
        if (to < from)
        {
            throw ApiException.InvalidArgument($"until: {UtcTimestampConverter.Format(to)} is before since, {UtcTimestampConverter.Format(from)}.");
        }

        using var writer = new ExportRowWriter(ParseFormat(format));
        FinishedExecutionKey? after = null;
        try
        {
            do
            {
                var page = await store.ListFinishedAsync(parent, from, to, after, ExportPageSize, cancellationToken).ConfigureAwait(false);
                if (!context.Response.HasStarted)
                {
                    context.Response.ContentType = writer.ContentType;
                }

                foreach (var row in page.Rows)
                {
                    writer.Write(row);
                }

                await writer.CopyToAsync(context.Response.Body, cancellationToken).ConfigureAwait(false);
                after = page.Next;
            }
            while (after is not null);
        }
        catch when (context.Response.HasStarted)
        {
            // The status line is gone: only a broken connection (no final chunk) tells the client the rows stopped short.
            context.Abort();
            throw;
        }
    }

    private static int Days(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return DefaultDays;
        }

        return int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var days) && days <= ReportWindow.MaxDays
            ? days
            : throw ApiException.InvalidArgument($"days: must be a whole number from 0 to {ReportWindow.MaxDays}, got \"{text}\".");
    }

    private static TimeZoneInfo Zone(string id)
    {
        try
        {
            return TimeZones.Find(id);
        }
        catch (ScheduleFormatException e)
        {
            throw ApiException.InvalidArgument(e.Message);
        }
    }

    private static ExportFormat ParseFormat(string? text) => text switch
    {
        null or "" or "ndjson" => ExportFormat.Ndjson,
        "csv" => ExportFormat.Csv,
        _ => throw ApiException.InvalidArgument($"format: \"{text}\" is not an export format; use ndjson or csv."),
    };

    private static DateTimeOffset? Instant(string field, string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        // A timestamp without an offset, or a bare date, is UTC.
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant)
            ? instant.ToUniversalTime()
            : throw ApiException.InvalidArgument($"{field}: \"{text}\" is not a timestamp; use RFC 3339, such as 2030-01-15T00:00:00Z.");
    }
}
