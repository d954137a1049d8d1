using Belfry.Core.Jobs;

namespace Belfry.Server.Dispatch;

/// <summary>
/// The job's <c>status</c> after an attempt, as Cloud Scheduler reports it: a google.rpc.Status whose code is
/// the gRPC code closest to the target's HTTP answer (0 on success), and a message: why no answer came, or the answer's
/// status and the start of its body (<c>HTTP 500: boom: simulated failure</c>).
/// </summary>
internal static class AttemptStatus
{
    public static JobStatus From(AttemptOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        if (outcome.Succeeded)
        {
            return new JobStatus(0, "");
        }

        if (outcome.StatusCode is not { } code)
        {
            var timedOut = outcome.Error?.StartsWith("deadline", StringComparison.Ordinal) == true;
            return new JobStatus(timedOut ? 4 : 14, outcome.Error ?? "The target could not be reached.");
        }

        var grpc = code switch
        {
            400 => 3,
            401 => 16,
            403 => 7,
            404 => 5,
            409 => 10,
            429 => 8,
            499 => 1,
            501 => 12,
            503 => 14,
            504 => 4,
            >= 500 => 13,
            _ => 9,
        };
        // Cloud Scheduler's log reads "HTTP 500: …": the status, then the start of the body (FailedAnswer).
        return new JobStatus(grpc, outcome.AnswerMessage ?? $"HTTP {code}");
    }
}
