using Belfry.Cli.Commands;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Pipelines;

namespace Belfry.Cli.Pipelines;

/// <summary>
/// Parses <c>--step=ID,uri=URL[,depends-on=A+B][,method=POST][,retry-count=N][,min-backoff=5s][,max-backoff=1h]
/// [,attempt-deadline=180s][,oidc-service-account-email=EMAIL][,oidc-token-audience=AUD]</c> (docs/pipelines.md).
/// Several dependencies are joined with <c>+</c> (a comma separates keys); a comma inside a value is quoted or escaped
/// (<see cref="StepFlagSplitter"/>).
/// </summary>
internal static class StepFlag
{
    public static PipelineStepResource Parse(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var parts = StepFlagSplitter.Split(value);
        if (parts[0].Length == 0 || parts[0].Contains('=', StringComparison.Ordinal))
        {
            throw new CliUsageException($"argument --step: \"{value}\" must start with the step id: --step=ID,uri=URL[,depends-on=A+B]");
        }

        var step = new PipelineStepResource { Id = parts[0], HttpTarget = new HttpTargetResource() };
        foreach (var part in parts.Skip(1))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliUsageException($"argument --step: \"{part}\" is not KEY=VALUE (step {step.Id}); {StepFlagSplitter.CommaHint}.");
            }

            var (key, text) = (part[..equals].ToLowerInvariant(), part[(equals + 1)..]);
            switch (key)
            {
                case "uri":
                    step.HttpTarget.Uri = text;
                    break;
                case "depends-on":
                    step.DependsOn = [.. text.Split('+', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
                    break;
                case "method":
                    step.HttpTarget.HttpMethod = Enum.TryParse<HttpMethodWire>(text, ignoreCase: true, out var method)
                        ? method : throw new CliUsageException($"argument --step: unknown method \"{text}\" (step {step.Id}).");
                    break;
                case "retry-count":
                    step.RetryConfig ??= new RetryConfigResource();
                    step.RetryConfig.RetryCount = int.TryParse(text, out var count)
                        ? count : throw new CliUsageException($"argument --step: retry-count must be a number (step {step.Id}).");
                    break;
                case "min-backoff":
                    (step.RetryConfig ??= new RetryConfigResource()).MinBackoffDuration = text;
                    break;
                case "max-backoff":
                    (step.RetryConfig ??= new RetryConfigResource()).MaxBackoffDuration = text;
                    break;
                case "attempt-deadline":
                    step.AttemptDeadline = text;
                    break;
                case "oidc-service-account-email":
                    (step.HttpTarget.OidcToken ??= new OidcTokenResource()).ServiceAccountEmail = text;
                    break;
                case "oidc-token-audience":
                    (step.HttpTarget.OidcToken ??= new OidcTokenResource()).Audience = text;
                    break;
                default:
                    throw new CliUsageException($"argument --step: unknown key \"{key}\" (step {step.Id}; keys in docs/pipelines.md); {StepFlagSplitter.CommaHint}.");
            }
        }

        return string.IsNullOrEmpty(step.HttpTarget.Uri)
            ? throw new CliUsageException($"argument --step: step {step.Id} needs uri=URL.")
            : step;
    }
}
