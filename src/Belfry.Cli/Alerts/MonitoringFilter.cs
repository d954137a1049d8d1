using System.Text;

namespace Belfry.Cli.Alerts;

/// <summary>
/// The part of Cloud Monitoring's filter language (cloud.google.com/monitoring/api/v3/filters) that an alert policy
/// on Cloud Scheduler's failed attempts uses: <c>KEY = "VALUE"</c> terms joined by <c>AND</c>, where
/// <c>resource.labels.job_id</c> may also be <c>starts_with("PREFIX")</c>. It must select
/// <c>cloudscheduler.googleapis.com/job/attempt_count</c> with <c>metric.labels.status="FAILED"</c> (and, if it says,
/// the <c>cloud_scheduler_job</c> resource); anything else (OR, NOT, other keys, operators or functions) is refused
/// with a <see cref="FormatException"/> whose message names it.
/// </summary>
internal static class MonitoringFilter
{
    public const string ResourceType = "cloud_scheduler_job";
    public const string MetricType = "cloudscheduler.googleapis.com/job/attempt_count";
    public const string FailedStatus = "FAILED";
    private const string JobLabel = "resource.labels.job_id";
    private const string StatusLabel = "metric.labels.status";
    private const string Keys = $"resource.type, metric.type, {StatusLabel} and {JobLabel}";

    /// <summary>The job selectors (<c>id</c> or <c>prefix*</c>): null when the filter selects every job.</summary>
    public static List<string>? Jobs(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var terms = new Dictionary<string, (string Value, bool Prefix)>(StringComparer.Ordinal);
        var position = 0;
        do
        {
            var key = Word(filter, ref position);
            if (key is "OR" or "NOT" || key.Length == 0)
            {
                throw new FormatException($"only terms joined by AND are supported, found {Rest(filter, position - key.Length)}");
            }

            if (key is not ("resource.type" or "metric.type" or StatusLabel or JobLabel))
            {
                throw new FormatException($"{key} is not supported; Belfry maps only {Keys}");
            }

            Skip(filter, ref position);
            if (position >= filter.Length || filter[position] != '=')
            {
                throw new FormatException($"{key}: only = is supported, found {Rest(filter, position)}");
            }

            position++;
            var value = Value(filter, key, ref position);
            if (!terms.TryAdd(key, value))
            {
                throw new FormatException($"{key} is given twice");
            }
        }
        while (Word(filter, ref position) switch
        {
            "AND" => true,
            "" when position >= filter.Length => false,
            var other => throw new FormatException($"only terms joined by AND are supported, found {Rest(filter, position - other.Length)}"),
        });

        Require(terms, "resource.type", ResourceType, required: false);
        Require(terms, "metric.type", MetricType, required: true);
        Require(terms, StatusLabel, FailedStatus, required: true);
        return terms.TryGetValue(JobLabel, out var job) ? [job.Prefix ? job.Value + "*" : job.Value] : null;
    }

    private static void Require(Dictionary<string, (string Value, bool Prefix)> terms, string key, string expected, bool required)
    {
        if (!terms.TryGetValue(key, out var term))
        {
            if (required)
            {
                throw new FormatException($"{key}=\"{expected}\" is required: Belfry's alert policies count failures");
            }
        }
        else if (term.Prefix || term.Value != expected)
        {
            throw new FormatException($"{key} {(term.Prefix ? "starts_with(…)" : $"\"{term.Value}\"")} is not supported; only \"{expected}\"");
        }
    }

    private static (string Value, bool Prefix) Value(string filter, string key, ref int position)
    {
        Skip(filter, ref position);
        if (position < filter.Length && filter[position] == '"')
        {
            return (Quoted(filter, ref position), false);
        }

        var function = Word(filter, ref position);
        Skip(filter, ref position);
        if (function != "starts_with" || key != JobLabel || position >= filter.Length || filter[position] != '(')
        {
            throw new FormatException($"{key}: expected a quoted value{(key == JobLabel ? " or starts_with(\"…\")" : "")}, found {Rest(filter, position - function.Length)}");
        }

        position++;
        Skip(filter, ref position);
        var prefix = position < filter.Length && filter[position] == '"' ? Quoted(filter, ref position) : "";
        Skip(filter, ref position);
        if (prefix.Length == 0 || position >= filter.Length || filter[position] != ')')
        {
            throw new FormatException($"{key}: expected starts_with(\"PREFIX\")");
        }

        position++;
        return (prefix, true);
    }

    private static string Quoted(string filter, ref int position)
    {
        var text = new StringBuilder();
        for (position++; position < filter.Length; position++)
        {
            var c = filter[position];
            if (c == '"')
            {
                position++;
                return text.ToString();
            }

            text.Append(c == '\\' && position + 1 < filter.Length ? filter[++position] : c);
        }

        throw new FormatException("a quoted value is not closed");
    }

    /// <summary>A key, a function name or AND/OR/NOT: letters, digits, '_' and '.'; empty at anything else.</summary>
    private static string Word(string filter, ref int position)
    {
        Skip(filter, ref position);
        var start = position;
        while (position < filter.Length && (char.IsAsciiLetterOrDigit(filter[position]) || filter[position] is '_' or '.'))
        {
            position++;
        }

        return filter[start..position];
    }

    private static void Skip(string filter, ref int position)
    {
        while (position < filter.Length && char.IsWhiteSpace(filter[position]))
        {
            position++;
        }
    }

    private static string Rest(string filter, int position) =>
        position >= filter.Length ? "the end" : $"\"{(filter.Length - position > 30 ? filter[position..(position + 30)] + "…" : filter[position..])}\"";
}
