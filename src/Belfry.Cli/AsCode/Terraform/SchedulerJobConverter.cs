using System.Text.Json;
using System.Text.Json.Nodes;
using Belfry.Cli.Scheduler;
using Belfry.Contracts.Serialization;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// One <c>google_cloud_scheduler_job</c> resource as the API's job JSON (the provider's snake_case arguments are the
/// API's camelCase fields), with the project and location it goes in: <c>region</c> → location. Durations such as
/// <c>"5m"</c> become the API's seconds (<c>"300s"</c>). Every argument is known or refused: nothing is dropped.
/// </summary>
internal sealed class SchedulerJobConverter(TerraformEvaluator evaluator, string fallbackLocation)
{
    public const string ResourceType = "google_cloud_scheduler_job";

    // Meta-arguments and blocks that only steer Terraform itself, not the job.
    private static readonly string[] TerraformOnly = ["depends_on", "provider", "lifecycle", "timeouts"];

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS"];

    public (string Project, string Location, JsonObject Job, bool Paused) Convert(string file, HclBlock resource)
    {
        ArgumentNullException.ThrowIfNull(resource);
        var address = $"{ResourceType}.{resource.Labels[1]}";
        var body = resource.Body;
        foreach (var meta in body.Attributes.Where(a => a.Name is "count" or "for_each"))
        {
            throw new TerraformFileException(file, meta.Position,
                $"{address}.{meta.Name}: resources repeated with count or for_each are not converted: write one resource per job.");
        }

        var scope = new Scope(evaluator, file, address, body);
        scope.Known(["name", "description", "schedule", "time_zone", "attempt_deadline", "paused", "region", "project", .. TerraformOnly],
            ["retry_config", "http_target", "pubsub_target", "app_engine_http_target", .. TerraformOnly]);
        foreach (var target in body.Blocks.Where(b => b.Type is "pubsub_target" or "app_engine_http_target"))
        {
            throw new TerraformFileException(file, target.Position,
                $"{address}.{target.Type}: Belfry delivers HTTP only (httpTarget); Pub/Sub and App Engine targets are not available.");
        }

        var name = scope.String("name") ?? throw new TerraformFileException(file, resource.Position, $"{address}: name is required.");
        var job = new JsonObject { ["name"] = name };
        scope.CopyString(job, "description", "description");
        scope.CopyString(job, "schedule", "schedule");
        scope.CopyString(job, "time_zone", "timeZone");
        scope.CopyDuration(job, "attempt_deadline", "attemptDeadline");
        if (scope.Block("retry_config") is { } retry)
        {
            retry.Known(["retry_count", "max_retry_duration", "min_backoff_duration", "max_backoff_duration", "max_doublings"], []);
            var config = new JsonObject();
            retry.CopyInteger(config, "retry_count", "retryCount");
            retry.CopyDuration(config, "max_retry_duration", "maxRetryDuration");
            retry.CopyDuration(config, "min_backoff_duration", "minBackoffDuration");
            retry.CopyDuration(config, "max_backoff_duration", "maxBackoffDuration");
            retry.CopyInteger(config, "max_doublings", "maxDoublings");
            job["retryConfig"] = config;
        }

        job["httpTarget"] = HttpTarget(scope.Block("http_target") ??
            throw new TerraformFileException(file, resource.Position, $"{address}: http_target is required: Belfry delivers HTTP only."));
        var location = evaluator.Setting(body, "region", file, address) ?? fallbackLocation;
        return (evaluator.Project(body, file, address), location, job, scope.Boolean("paused") == true);
    }

    private static JsonObject HttpTarget(Scope target)
    {
        target.Known(["uri", "http_method", "body", "headers"], ["oidc_token", "oauth_token"]);
        var result = new JsonObject();
        target.CopyString(result, "uri", "uri");
        if (target.Typed("http_method") is { } method)
        {
            result["httpMethod"] = Methods.Contains(method.ToUpperInvariant(), StringComparer.Ordinal)
                ? method.ToUpperInvariant()
                : throw target.Fail("http_method", $"\"{method}\" is not one of {string.Join(", ", Methods)}.");
        }

        if (target.Typed("body") is { } body)
        {
            // The provider's body is base64 already, as the API's is: it passes as it is, checked here to fail early.
            result["body"] = ProtobufBase64.TryDecode(body, out _) ? body : throw target.Fail("body", "the body is base64 in Terraform (as in the API): write base64encode(\"…\").");
        }

        if (target.Value("headers") is { } headers)
        {
            result["headers"] = headers is JsonObject map && map.All(h => h.Value is JsonValue v && v.GetValueKind() == JsonValueKind.String)
                ? map
                : throw target.Fail("headers", "headers is a map of names to text values.");
        }

        if (target.Block("oauth_token") is { } oauth)
        {
            throw oauth.Fail(null, "Google OAuth tokens are not available in Belfry; use oidc_token (Belfry signs the OIDC token itself).");
        }

        if (target.Block("oidc_token") is { } oidc)
        {
            oidc.Known(["service_account_email", "audience"], []);
            var token = new JsonObject();
            oidc.CopyString(token, "service_account_email", "serviceAccountEmail");
            oidc.CopyString(token, "audience", "audience");
            result["oidcToken"] = token;
        }

        return result;
    }

    /// <summary>A block of the resource being converted: reads its arguments, each error naming file, line and field.</summary>
    private sealed class Scope(TerraformEvaluator evaluator, string file, string address, HclBody body, FilePosition? position = null)
    {
        public TerraformFileException Fail(string? argument, string problem) =>
            new(file, argument is null ? position ?? new FilePosition(1, 1) : body.Attribute(argument)!.Position,
                $"{address}{(argument is null ? "" : "." + argument)}: {problem}");

        public void Known(string[] attributes, string[] blocks)
        {
            foreach (var attribute in body.Attributes.Where(a => !attributes.Contains(a.Name)))
            {
                throw new TerraformFileException(file, attribute.Position, $"{address}.{attribute.Name}: not an argument belfry import terraform knows.");
            }

            foreach (var block in body.Blocks.Where(b => !blocks.Contains(b.Type)))
            {
                throw new TerraformFileException(file, block.Position, $"{address}.{block.Type}: not a block belfry import terraform knows.");
            }
        }

        public Scope? Block(string type)
        {
            var blocks = body.BlocksOf(type).ToList();
            return blocks switch
            {
                [] => null,
                [var one] => new Scope(evaluator, file, $"{address}.{type}", one.Body, one.Position),
                [_, var second, ..] => throw new TerraformFileException(file, second.Position, $"{address}.{type}: the block appears twice."),
            };
        }

        public JsonNode? Value(string argument) =>
            body.Attribute(argument) is { } attribute ? evaluator.Evaluate(attribute.Value, file, $"{address}.{argument}") : null;

        public string? String(string argument) => body.Attribute(argument) is { } attribute && Value(argument) is { } value
            ? TerraformEvaluator.Text(value, attribute.Value, file, $"{address}.{argument}")
            : null;

        /// <summary>A value read as something other than text, where no <c>${env:…}</c> reference can stand for a sensitive variable.</summary>
        public string? Typed(string argument)
        {
            var text = String(argument);
            return text is not null && SensitiveVariable.Within(text) is { } secret
                ? throw Fail(argument, $"var.{secret} is sensitive: belfry.yaml can refer to it only in a plain text field, as ${{env:TF_VAR_{secret}}}.")
                : text;
        }

        public bool? Boolean(string argument) => Typed(argument) switch
        {
            null => null,
            "true" => true,
            "false" => false,
            var other => throw Fail(argument, $"\"{other}\" is not true or false."),
        };

        public void CopyString(JsonObject into, string argument, string field)
        {
            if (String(argument) is { } text)
            {
                into[field] = text;
            }
        }

        public void CopyInteger(JsonObject into, string argument, string field)
        {
            if (Typed(argument) is { } text)
            {
                into[field] = int.TryParse(text, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number)
                    ? number
                    : throw Fail(argument, $"\"{text}\" is not a whole number.");
            }
        }

        public void CopyDuration(JsonObject into, string argument, string field)
        {
            if (Typed(argument) is { } text)
            {
                into[field] = DurationParser.TryParse(text, out var duration)
                    ? DurationParser.ToWire(duration.Value)
                    : throw Fail(argument, $"\"{text}\" is not a duration (\"300s\", \"5m\", \"1h30m\").");
            }
        }
    }
}
