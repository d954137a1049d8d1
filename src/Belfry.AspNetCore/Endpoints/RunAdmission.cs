using Belfry.AspNetCore.RunKeys;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using static Belfry.AspNetCore.RunKeys.BelfryHeaders;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// What a verified token may do on one endpoint (docs/sdk.md, "What is trusted"), decided before the ledger is touched:
/// the caller must be allowed; a signed run must be for a job the endpoint runs; a token without a signed run is a
/// manual call (refused unless allowed, and then it runs "now") or, with Google's issuer, takes its run from the headers,
/// whose schedule time may not lie in the future.
/// </summary>
internal static class RunAdmission
{
    public static Admission Admit(
        JsonWebToken token, IHeaderDictionary headers, EndpointMetadataCollection? metadata, BelfryBatchOptions options, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(options);
        IReadOnlyCollection<string> callers = metadata?.GetMetadata<AllowedCallersMetadata>()?.Callers ?? [.. options.AllowedCallers];
        if (callers.Count > 0 && !RunInputReader.IsCaller(token, callers))
        {
            return Admission.Forbidden($"caller \"{RunInputReader.Subject(token) ?? "(anonymous)"}\" may not run this endpoint");
        }

        var bindings = metadata?.GetMetadata<BatchJobNameMetadata>()?.JobNames ?? ["batch"];
        if (RunInputReader.HasSignedRun(token))
        {
            var signed = RunInputReader.FromClaims(token);
            return bindings.Any(binding => JobNames.Admits(binding, signed.JobName!, signed.JobFullName))
                ? Admission.Admitted(signed)
                : Admission.Forbidden($"the token is for job \"{signed.JobFullName ?? signed.JobName}\", which this endpoint does not run");
        }

        if (options.EffectiveRequireBelfryClaims)
        {
            if (!options.AllowManualCalls)
            {
                return Admission.Forbidden(
                    "the token carries no signed run (belfry_job_name, belfry_schedule_time) and manual calls are not allowed");
            }

            // The schedule time is what the ledger keys on: unsigned, it would let a caller complete any run, such as
            // tomorrow's, in advance. A manual call runs now.
            if (RunInputReader.Header(headers, ScheduleTimeHeader) is not null)
            {
                return Admission.BadRequest($"a manual call cannot name a schedule time ({ScheduleTimeHeader}); it runs now");
            }

            return Bind(bindings, new RunKeyInputs { JobName = RunInputReader.Header(headers, JobNameHeader), Trigger = "manual" });
        }

        var unsigned = RunInputReader.FromHeaders(token, headers) with { NotAfter = now + options.TokenClockSkew };
        return Bind(bindings, unsigned);
    }

    /// <summary>
    /// Files a run without a signed job under the endpoint's binding: the one it names (by id), else the first. A full
    /// binding supplies the full name, so the run shares the ledger rows of the signed, scheduled runs.
    /// </summary>
    private static Admission Bind(IReadOnlyList<string> bindings, RunKeyInputs inputs)
    {
        var binding = inputs.JobName is not { } named
            ? bindings[0]
            : bindings.FirstOrDefault(candidate => inputs.JobFullName is { } full
                ? JobNames.Admits(candidate, named, full)
                : string.Equals(JobNames.ShortId(candidate), named, StringComparison.Ordinal));
        if (binding is null)
        {
            return Admission.Forbidden($"job \"{inputs.JobFullName ?? inputs.JobName}\" is not run by this endpoint");
        }

        return Admission.Admitted(inputs with
        {
            JobName = JobNames.ShortId(binding),
            JobFullName = inputs.JobFullName ?? (JobNames.IsFullName(binding) ? binding : null),
        });
    }
}
