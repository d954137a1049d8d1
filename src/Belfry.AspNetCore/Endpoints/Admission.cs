using Belfry.AspNetCore.RunKeys;
using Microsoft.AspNetCore.Http;

namespace Belfry.AspNetCore.Endpoints;

/// <summary>
/// <see cref="RunAdmission"/>'s verdict: the run's inputs when admitted, else the status code, answer status and a
/// reason that is safe to send back and to log (names of jobs and callers, never a token).
/// </summary>
internal sealed record Admission(RunKeyInputs? Inputs, int StatusCode, string Status, string Reason)
{
    public static Admission Admitted(RunKeyInputs inputs) => new(inputs, StatusCodes.Status200OK, "", "");

    public static Admission Forbidden(string reason) => new(null, StatusCodes.Status403Forbidden, "forbidden", reason);

    public static Admission BadRequest(string reason) => new(null, StatusCodes.Status400BadRequest, "bad_request", reason);
}
