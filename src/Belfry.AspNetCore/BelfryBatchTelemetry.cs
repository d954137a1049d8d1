namespace Belfry.AspNetCore;

/// <summary>
/// The SDK's tracing: each request to a batch endpoint is a span on the <see cref="ActivitySourceName"/> source, a child
/// of the scheduler's attempt span (its W3C <c>traceparent</c>), whether or not the app adds ASP.NET Core's own
/// instrumentation. Subscribe with OpenTelemetry's <c>AddSource(BelfryBatchTelemetry.ActivitySourceName)</c>.
/// </summary>
public static class BelfryBatchTelemetry
{
    /// <summary>The name of the SDK's <see cref="System.Diagnostics.ActivitySource"/>: <c>Belfry.AspNetCore</c>.</summary>
    public const string ActivitySourceName = "Belfry.AspNetCore";
}
