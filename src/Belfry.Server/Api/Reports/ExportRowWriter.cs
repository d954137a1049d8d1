using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Belfry.Core.Executions;
using Belfry.Core.Reports;
using Belfry.Core.Scheduling;
using Belfry.Core.Storage;

namespace Belfry.Server.Api.Reports;

/// <summary>
/// Finished executions as rows of the article's <c>job_executions</c> table, in <see cref="Columns"/> order and
/// names, so a warehouse loads them unchanged: into a buffer a page at a time, which <see cref="CopyToAsync"/> empties
/// into the response, so memory holds one page whatever the export's length.
/// </summary>
internal sealed class ExportRowWriter : IDisposable
{
    /// <summary>
    /// The columns: the article's, with <c>execution_id</c> for its <c>job_id</c> (a hash of job and run date; an
    /// execution id is unique even for manual runs) and <c>job</c>, the job's resource name, beside <c>job_name</c>.
    /// Timestamps are RFC 3339 UTC with microseconds (BigQuery's TIMESTAMP), <c>duration</c> is seconds from the first
    /// attempt's start to the finish, <c>run_date</c> the schedule time's date in the job's zone.
    /// </summary>
    public static readonly IReadOnlyList<string> Columns =
        ["execution_id", "job", "job_name", "run_date", "status", "started_at", "finished_at", "duration", "error_msg"];

    /// <summary>The one column NDJSON writes as a number.</summary>
    private const int DurationColumn = 7;

    private static readonly JsonEncodedText[] JsonNames = [.. Columns.Select(c => JsonEncodedText.Encode(c))];

    private readonly ArrayBufferWriter<byte> _buffer = new(64 * 1024);
    private readonly ExportFormat _format;
    private readonly Utf8JsonWriter? _json;
    private readonly StringBuilder _line = new();

    public ExportRowWriter(ExportFormat format)
    {
        _format = format;
        if (format == ExportFormat.Ndjson)
        {
            // Non-ASCII stays as it is: the file is UTF-8 data for a loader, never HTML.
            _json = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        }
        else
        {
            WriteCsvLine(Columns);
        }
    }

    public string ContentType => _format == ExportFormat.Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";

    public void Write(FinishedExecutionRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        var values = Values(row.Execution, row.TimeZone);
        if (_json is null)
        {
            WriteCsvLine(values);
            return;
        }

        _json.WriteStartObject();
        for (var i = 0; i < values.Length; i++)
        {
            if (values[i] is null)
            {
                _json.WriteNull(JsonNames[i]);
            }
            else if (i == DurationColumn)
            {
                // A number, as the invariant "0.#######" wrote it (JSON's own number syntax).
                _json.WritePropertyName(JsonNames[i]);
                _json.WriteRawValue(values[i]!, skipInputValidation: true);
            }
            else
            {
                _json.WriteString(JsonNames[i], values[i]);
            }
        }

        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.Write("\n"u8);
    }

    /// <summary>Writes what is buffered to <paramref name="body"/> and empties the buffer.</summary>
    public async Task CopyToAsync(Stream body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        await body.WriteAsync(_buffer.WrittenMemory, cancellationToken).ConfigureAwait(false);
        _buffer.ResetWrittenCount();
    }

    public void Dispose() => _json?.Dispose();

    private static string?[] Values(Execution execution, string timeZone)
    {
        var finish = execution.FinishTime ?? throw new InvalidOperationException($"Execution {execution.Id} has not finished.");
        var start = execution.FirstAttemptTime ?? finish;
        var succeeded = execution.State == ExecutionState.Succeeded;
        var runDate = TimeZoneInfo.ConvertTime(execution.ScheduleTime, TimeZones.Find(timeZone));
        return
        [
            execution.Id,
            execution.Job.FullName,
            execution.Job.JobId,
            runDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            succeeded ? "success" : "failed",
            Timestamp(start),
            Timestamp(finish),
            ((decimal)(finish - start).Ticks / TimeSpan.TicksPerSecond).ToString("0.#######", CultureInfo.InvariantCulture),
            succeeded ? null : FailureMessage.Of(execution.LastStatusCode, execution.LastError),
        ];
    }

    private static string Timestamp(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture);

    private void WriteCsvLine(IReadOnlyList<string?> values)
    {
        CsvLine.Append(_line.Clear(), values);
        foreach (var chunk in _line.GetChunks())
        {
            Encoding.UTF8.GetBytes(chunk.Span, _buffer);
        }
    }
}
