namespace Belfry.Server.Api.Reports;

/// <summary>The export's <c>format</c>: newline-delimited JSON (BigQuery's NEWLINE_DELIMITED_JSON) or RFC 4180 CSV with a header.</summary>
internal enum ExportFormat
{
    Ndjson,
    Csv,
}
