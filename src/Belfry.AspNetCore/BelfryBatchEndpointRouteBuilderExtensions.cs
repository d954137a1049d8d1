using System.Diagnostics.CodeAnalysis;
using Belfry.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.AspNetCore;

/// <summary>Maps batch endpoints and sets their per-endpoint rules.</summary>
public static class BelfryBatchEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps a <c>POST</c> batch endpoint. Each request is verified (401/403 without calling <paramref name="handler"/>),
    /// keyed to its logical run, and claimed in the execution ledger: the handler runs at most once at a time per run
    /// key, and never again once it succeeded (200 <c>{"status":"skipped"}</c>).
    /// </summary>
    /// <param name="endpoints">The application's endpoints.</param>
    /// <param name="pattern">The route, e.g. <c>/sync</c>.</param>
    /// <param name="handler">
    /// The work. Its token fires when the host stops or the run is taken over by a newer attempt; it does not fire when
    /// the caller disconnects.
    /// </param>
    /// <returns>A builder for further conventions, such as <see cref="RequireSucceeded"/>.</returns>
    /// <remarks>
    /// A request that names no job (a manual call without <c>X-CloudScheduler-JobName</c>) is recorded under the
    /// route turned into a name (<c>/pipeline/step1</c> → <c>pipeline-step1</c>) unless <see cref="WithBatchJobName"/>
    /// says otherwise.
    /// </remarks>
    public static IEndpointConventionBuilder MapBatchJob(
        this IEndpointRouteBuilder endpoints,
        [StringSyntax("Route")] string pattern,
        Func<BatchContext, CancellationToken, Task<BatchResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrWhiteSpace(pattern);
        ArgumentNullException.ThrowIfNull(handler);
        if (endpoints.ServiceProvider.GetService<BelfryBatchMarker>() is null)
        {
            throw new InvalidOperationException("MapBatchJob needs the batch SDK's services: call builder.Services.AddBelfryBatch(...) first.");
        }

        return endpoints
            .MapPost(pattern, context => context.RequestServices.GetRequiredService<BatchEndpointHandler>().HandleAsync(context, handler))
            .WithMetadata(new BatchJobNameMetadata(DefaultJobName(pattern)))
            .WithDisplayName("Batch job " + pattern);
    }

    /// <summary>
    /// Gates the endpoint on other jobs: until each named job has succeeded for the same run key, requests answer 409
    /// <c>{"status":"waiting"}</c> without running (the scheduler's retry comes back later). This is the seed article's
    /// time-shifted chain made safe: step 2 at 06:05 no longer runs when step 1 at 06:00 failed.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The batch endpoint.</param>
    /// <param name="jobNames">The job names whose ledger rows must have succeeded, e.g. <c>pipeline-step1</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder RequireSucceeded<TBuilder>(this TBuilder builder, params string[] jobNames)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(jobNames);
        if (jobNames.Length == 0 || jobNames.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one job, and no blank names.", nameof(jobNames));
        }

        return builder.WithMetadata(new RequireSucceededMetadata([.. jobNames]));
    }

    /// <summary>
    /// Sets the job name used when a request names none (manual calls without <c>X-CloudScheduler-JobName</c> or a
    /// <c>belfry_job</c> claim), so they share the scheduled job's ledger rows.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The batch endpoint.</param>
    /// <param name="jobName">The scheduler's job name, e.g. <c>sync-daily-data</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder WithBatchJobName<TBuilder>(this TBuilder builder, string jobName)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(jobName);
        return builder.WithMetadata(new BatchJobNameMetadata(jobName));
    }

    private static string DefaultJobName(string pattern)
    {
        var name = pattern.Trim('/').Replace('/', '-');
        return name.Length == 0 ? "batch" : name;
    }
}
