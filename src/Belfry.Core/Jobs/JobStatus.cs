namespace Belfry.Core.Jobs;

/// <summary>
/// The result of the last attempt, as Cloud Scheduler's <c>status</c> (a google.rpc.Status):
/// code 0 on success, otherwise a gRPC code mapped from the HTTP answer, with a short message.
/// </summary>
internal sealed record JobStatus(int Code, string Message);
