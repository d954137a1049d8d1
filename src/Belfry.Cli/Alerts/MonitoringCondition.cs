using Belfry.Cli.Scheduler;
using Belfry.Contracts.Alerts;
using Belfry.Core.Jobs;
using Belfry.Server.Api.AlertPolicies;

namespace Belfry.Cli.Alerts;

/// <summary>
/// A Cloud Monitoring condition's <c>conditionThreshold</c> on Cloud Scheduler's failed attempts, mapped onto
/// Belfry's policy (docs/notifications.md, "From a Cloud Monitoring policy file"): <c>COMPARISON_GT</c> N → failures
/// N+1, <c>COMPARISON_GE</c> N → N; the aggregation's <c>alignmentPeriod</c> → window; the filter's
/// <c>resource.labels.job_id</c> → jobs. Whatever has no counterpart is refused by its JSON path.
/// </summary>
internal static class MonitoringCondition
{
    public static void Map(PolicyJsonObject condition, AlertPolicyResource policy)
    {
        ArgumentNullException.ThrowIfNull(condition);
        ArgumentNullException.ThrowIfNull(policy);

        // The condition's own name says nothing Belfry keeps; it names the policy only when the policy has none.
        var displayName = condition.String("displayName");
        policy.DisplayName ??= displayName;
        var threshold = condition.Object("conditionThreshold");
        condition.Finish();
        if (threshold is null)
        {
            throw condition.FieldError("conditionThreshold", "required: Belfry maps only threshold conditions");
        }

        var filter = threshold.String("filter") ?? throw threshold.FieldError("filter", $"required (metric.type=\"{MonitoringFilter.MetricType}\" …)");
        try
        {
            policy.Jobs = MonitoringFilter.Jobs(filter);
        }
        catch (FormatException e)
        {
            throw threshold.FieldError("filter", e.Message);
        }

        if (policy.Jobs?.FirstOrDefault(j => !ResourceId.IsValidJobId(j.TrimEnd('*'))) is { } job)
        {
            throw threshold.FieldError("filter", $"resource.labels.job_id \"{job.TrimEnd('*')}\" is not a job id");
        }

        policy.Failures = Failures(threshold);
        if (threshold.Duration("duration") is { } duration && duration != TimeSpan.Zero)
        {
            throw threshold.FieldError("duration", $"{DurationParser.ToWire(duration)} is not supported; only 0s (Belfry alerts as soon as the count is reached)");
        }

        if (threshold.Object("trigger") is { } trigger)
        {
            if (trigger.Number("count") is { } count && count != 1)
            {
                throw trigger.FieldError("count", $"{count} is not supported; only 1");
            }

            trigger.Finish();
        }

        policy.Window = DurationParser.ToWire(Window(threshold));
        threshold.Finish();
    }

    private static int Failures(PolicyJsonObject threshold)
    {
        var comparison = threshold.String("comparison") ?? throw threshold.FieldError("comparison", "required: COMPARISON_GT or COMPARISON_GE");
        var value = threshold.Number("thresholdValue") ?? 0;
        double failures = comparison switch
        {
            "COMPARISON_GT" => Math.Floor(value) + 1,
            "COMPARISON_GE" => Math.Ceiling(value),
            _ => throw threshold.FieldError("comparison", $"{comparison} is not supported; only COMPARISON_GT and COMPARISON_GE"),
        };
        return failures is >= 1 and <= AlertPolicyCommands.MaxFailures
            ? (int)failures
            : throw threshold.FieldError("thresholdValue", $"{comparison} {value} means {failures} failures; Belfry counts 1 to {AlertPolicyCommands.MaxFailures}");
    }

    /// <summary>One aggregation, summing or counting each job's failures over its <c>alignmentPeriod</c>.</summary>
    private static TimeSpan Window(PolicyJsonObject threshold)
    {
        var aggregations = threshold.Array("aggregations");
        if (aggregations is not [var only])
        {
            throw aggregations is { Count: > 1 }
                ? threshold.Error(aggregations[1].Path, "not supported; only one aggregation")
                : threshold.FieldError("aggregations", "required: one aggregation whose alignmentPeriod gives the window");
        }

        var aggregation = threshold.Item(only);
        var aligner = aggregation.String("perSeriesAligner");
        if (aligner is not ("ALIGN_SUM" or "ALIGN_COUNT"))
        {
            throw aggregation.FieldError("perSeriesAligner", $"{aligner ?? "(absent)"} is not supported; only ALIGN_SUM and ALIGN_COUNT");
        }

        var window = aggregation.Duration("alignmentPeriod") ?? throw aggregation.FieldError("alignmentPeriod", "required: it gives the window");
        if (window < TimeSpan.FromSeconds(1) || window > AlertPolicyCommands.MaxWindow)
        {
            throw aggregation.FieldError("alignmentPeriod", $"must be between 1s and {DurationParser.ToWire(AlertPolicyCommands.MaxWindow)}");
        }

        aggregation.Finish();
        return window;
    }
}
