using System.Diagnostics.CodeAnalysis;
using Belfry.AspNetCore.Endpoints;
using Belfry.AspNetCore.RunKeys;
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
    /// The endpoint runs one job: by default the route turned into a job id (<c>/pipeline/step1</c> →
    /// <c>pipeline-step1</c>, in any project and location); <see cref="WithBatchJobName"/> names others. A token signed
    /// for any other job is refused with 403 (docs/sdk.md, "What is trusted").
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
            .WithMetadata(new BatchJobNameMetadata([DefaultJobName(pattern)]))
            .WithDisplayName("Batch job " + pattern);
    }

    /// <summary>
    /// Gates the endpoint on other jobs: until each named job has succeeded for the same run key, requests answer 409
    /// <c>{"status":"waiting"}</c> without running (the scheduler's retry comes back later). This is the seed article's
    /// time-shifted chain made safe: step 2 at 06:05 no longer runs when step 1 at 06:00 failed.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The batch endpoint.</param>
    /// <param name="jobNames">
    /// The jobs whose ledger rows must have succeeded: a job id, e.g. <c>pipeline-step1</c>, is looked up in the current
    /// run's project and location; a full name (<c>projects/P/locations/L/jobs/J</c>) as given.
    /// </param>
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
    /// Binds the endpoint to the jobs it runs, replacing the route-derived default. A name is a job id
    /// (<c>sync-daily-data</c>: that id in any project and location) or a full name
    /// (<c>projects/my-project/locations/asia-northeast1/jobs/sync-daily-data</c>: exactly that job). A token signed for
    /// another job is refused with 403. A request without a signed job (a manual call, or a Google token's
    /// <c>X-CloudScheduler-JobName</c>) must name one of these, or is filed under the first; bind by full name so that
    /// such calls share the scheduled runs' ledger rows.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The batch endpoint.</param>
    /// <param name="jobNames">One or more job ids or full names, e.g. <c>sync-daily-data</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder WithBatchJobName<TBuilder>(this TBuilder builder, params string[] jobNames)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(jobNames);
        if (jobNames.Length == 0 || !jobNames.All(name => name is not null && (JobNames.IsShortId(name) || JobNames.IsFullName(name))))
        {
            throw new ArgumentException(
                "Name at least one job, each a job id (sync-daily-data) or a full name (projects/P/locations/L/jobs/J).", nameof(jobNames));
        }

        return builder.WithMetadata(new BatchJobNameMetadata([.. jobNames]));
    }

    /// <summary>
    /// Sets who may call this endpoint, replacing <see cref="BelfryBatchOptions.AllowedCallers"/> for it: service-account
    /// emails or token subjects, compared ignoring case. Anyone else gets 403 and the handler is never called.
    /// </summary>
    /// <typeparam name="TBuilder">The endpoint builder type.</typeparam>
    /// <param name="builder">The batch endpoint.</param>
    /// <param name="callers">Emails or subjects, e.g. <c>scheduler-sa@my-project.iam.gserviceaccount.com</c>.</param>
    /// <returns><paramref name="builder"/>, for chaining.</returns>
    public static TBuilder AllowCallers<TBuilder>(this TBuilder builder, params string[] callers)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(callers);
        if (callers.Length == 0 || callers.Any(string.IsNullOrWhiteSpace))
        {
            throw new ArgumentException("Name at least one caller, and no blank ones.", nameof(callers));
        }

        return builder.WithMetadata(new AllowedCallersMetadata([.. callers]));
    }

    private static string DefaultJobName(string pattern)
    {
        var name = pattern.Trim('/').Replace('/', '-');
        return name.Length == 0 ? "batch" : name;
    }
}
