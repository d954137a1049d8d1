namespace Belfry.AspNetCore.Endpoints;

/// <summary>The job name an endpoint uses when a request names none (a manual call without <c>X-CloudScheduler-JobName</c>).</summary>
internal sealed record BatchJobNameMetadata(string JobName);
