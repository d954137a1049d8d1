using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Contracts.Jobs;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// The flags of <c>jobs create http</c> (<paramref name="forUpdate"/> false) and <c>jobs update http</c>, worded as
/// gcloud's help. Update adds the <c>--clear-*</c>, <c>--update-headers</c> and <c>--remove-headers</c> flags.
/// </summary>
internal sealed partial class HttpJobOptions(bool forUpdate)
{
    public bool ForUpdate { get; } = forUpdate;

    public Option<string?> Schedule { get; } = new("--schedule")
    {
        Description = "Schedule on which the job will be executed, in unix-cron format, e.g. \"0 6 * * *\" for 06:00 " +
            "every day. A new execution never starts while the previous one is still outstanding.",
        HelpName = "SCHEDULE",
        Required = !forUpdate,
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<string?> Uri { get; } = new("--uri")
    {
        Description = "The full URI path that the request will be sent to. This string must begin with either " +
            "\"http://\" or \"https://\".",
        HelpName = "URI",
        Required = !forUpdate,
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<HttpMethodWire?> HttpMethod { get; } = new("--http-method")
    {
        Description = "HTTP method to use for the request. HTTP_METHOD must be one of: delete, get, head, options, " +
            "patch, post, put (any case)." + (forUpdate ? string.Empty : " Default: post."),
        HelpName = "HTTP_METHOD",
        CustomParser = FlagParsers.HttpMethod,
    };

    public Option<IReadOnlyDictionary<string, string>?> Headers { get; } = new("--headers")
    {
        Description = "KEY=VALUE pairs of HTTP headers to include in the request, e.g. " +
            "--headers=Accept-Language=en-us,Accept=text/plain." + (forUpdate ? " Replaces all of the job's headers." : string.Empty),
        HelpName = "KEY=VALUE,...",
        CustomParser = FlagParsers.Dictionary,
    };

    public Option<string?> MessageBody { get; } = new("--message-body")
    {
        Description = "Data payload to be included as the body of the HTTP request (sent as UTF-8). May only be given " +
            "with compatible HTTP methods (POST, PUT or PATCH).",
        HelpName = "MESSAGE_BODY",
    };

    public Option<string?> MessageBodyFromFile { get; } = new("--message-body-from-file")
    {
        Description = "Path to a file containing the data payload to be included as the body of the HTTP request " +
            "(sent byte for byte). May only be given with compatible HTTP methods (POST, PUT or PATCH).",
        HelpName = "PATH",
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<string?> TimeZone { get; } = new("--time-zone")
    {
        Description = "Specifies the time zone to be used in interpreting --schedule. The value of this field must be " +
            "a time zone name from the tz database, e.g. America/New_York or Asia/Tokyo." +
            (forUpdate ? string.Empty : " Default: Etc/UTC."),
        HelpName = "TIME_ZONE",
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<string?> Description { get; } = new("--description")
    {
        Description = "Human-readable description of the job (at most 500 characters).",
        HelpName = "DESCRIPTION",
    };

    public Option<TimeSpan?> AttemptDeadline { get; } = new("--attempt-deadline")
    {
        Description = "The deadline for job attempts. If the request handler does not respond by this deadline, the " +
            "request is cancelled and the attempt is marked as failed. Between 15s and 30m; e.g. 10s, 5m, 1h30m." +
            (forUpdate ? string.Empty : " Default: 180s."),
        HelpName = "ATTEMPT_DEADLINE",
        CustomParser = FlagParsers.Duration,
    };

    public Option<int?> MaxRetryAttempts { get; } = new("--max-retry-attempts")
    {
        Description = "Number of times to retry the request if it fails or times out. Must be in range 0-5 inclusive." +
            (forUpdate ? string.Empty : " Default: 0."),
        HelpName = "MAX_RETRY_ATTEMPTS",
        CustomParser = FlagParsers.NonNegativeInt,
    };

    public Option<TimeSpan?> MaxRetryDuration { get; } = new("--max-retry-duration")
    {
        Description = "Time limit for retrying a failed job, measured from when the job was first run. Retrying stops " +
            "only when both this limit and --max-retry-attempts are reached; 0s means unlimited." +
            (forUpdate ? string.Empty : " Default: 0s."),
        HelpName = "MAX_RETRY_DURATION",
        CustomParser = FlagParsers.Duration,
    };

    public Option<TimeSpan?> MinBackoff { get; } = new("--min-backoff", "--min-backoff-duration")
    {
        Description = "Minimum amount of time to wait before retrying a job after it fails, e.g. 10s." +
            (forUpdate ? string.Empty : " Default: 5s."),
        HelpName = "MIN_BACKOFF",
        CustomParser = FlagParsers.Duration,
    };

    public Option<TimeSpan?> MaxBackoff { get; } = new("--max-backoff", "--max-backoff-duration")
    {
        Description = "Maximum amount of time to wait before retrying a job after it fails, e.g. 5m." +
            (forUpdate ? string.Empty : " Default: 3600s."),
        HelpName = "MAX_BACKOFF",
        CustomParser = FlagParsers.Duration,
    };

    public Option<int?> MaxDoublings { get; } = new("--max-doublings")
    {
        Description = "Maximum number of times that the interval between failed job retries will be doubled before " +
            "the increase becomes constant." + (forUpdate ? string.Empty : " Default: 5."),
        HelpName = "MAX_DOUBLINGS",
        CustomParser = FlagParsers.NonNegativeInt,
    };

    public Option<string?> OidcServiceAccountEmail { get; } = new("--oidc-service-account-email")
    {
        Description = "The service account email to be used for generating an OpenID Connect token to be included " +
            "in the request sent to the target when executing the job. Belfry signs the token itself.",
        HelpName = "OIDC_SERVICE_ACCOUNT_EMAIL",
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<string?> OidcTokenAudience { get; } = new("--oidc-token-audience")
    {
        Description = "The audience to be used when generating an OpenID Connect token to be included in the request " +
            "sent to the target when executing the job. If not specified, the URI specified in target will be used.",
        HelpName = "OIDC_TOKEN_AUDIENCE",
        CustomParser = FlagParsers.NonEmpty,
    };

    public Option<IReadOnlyList<string>?> NotifyOnFailure { get; } = new("--notify-on-failure")
    {
        Description = "Belfry: channels (IDs in the job's location, or full names) told when an execution fails after its last " +
            "retry, and of missed runs." + (forUpdate ? " Replaces the list." : string.Empty),
        HelpName = "CHANNEL,...",
        CustomParser = FlagParsers.List,
    };

    public Option<IReadOnlyList<string>?> NotifyOnRecovery { get; } = new("--notify-on-recovery")
    {
        Description = "Belfry: channels told of the first success after a failure, and when a missed run is resolved.",
        HelpName = "CHANNEL,...",
        CustomParser = FlagParsers.List,
    };

    public Option<IReadOnlyList<string>?> NotifyOnSuccess { get; } = new("--notify-on-success")
    {
        Description = "Belfry: channels told of every success (opt-in).",
        HelpName = "CHANNEL,...",
        CustomParser = FlagParsers.List,
    };

    public Option<TimeSpan?> MissedRunDeadline { get; } = new("--missed-run-deadline")
    {
        Description = "Belfry: alert (to --notify-on-failure channels) when a scheduled run has not succeeded this long after its " +
            "time, e.g. 30m, including runs the server was down for.",
        HelpName = "DURATION",
        CustomParser = FlagParsers.Duration,
    };

    public Option<IReadOnlyDictionary<string, string>?> UpdateHeaders { get; } = new("--update-headers")
    {
        Description = "KEY=VALUE pairs of HTTP headers to add to the job, or change in it.",
        HelpName = "KEY=VALUE,...",
        CustomParser = FlagParsers.Dictionary,
    };

    public Option<IReadOnlyList<string>?> RemoveHeaders { get; } = new("--remove-headers")
    {
        Description = "KEY1,KEY2 list of HTTP headers to remove from the job.",
        HelpName = "KEY,...",
        CustomParser = FlagParsers.List,
    };

    public Option<bool> ClearHeaders { get; } = Clear("--clear-headers", "Clear the list of HTTP headers.");

    public Option<bool> ClearMessageBody { get; } = Clear("--clear-message-body", "Clear the message body of the HTTP request.");

    public Option<bool> ClearTimeZone { get; } = Clear("--clear-time-zone", "Clear the time zone; the schedule is then evaluated in Etc/UTC.");

    public Option<bool> ClearRetryAttempts { get; } = Clear("--clear-retry-attempts", "Clear the max retry attempts (back to the default, 0).");

    public Option<bool> ClearMaxRetryDuration { get; } = Clear("--clear-max-retry-duration", "Clear the max retry duration (back to the default, unlimited).");

    public Option<bool> ClearMinBackoff { get; } = Clear("--clear-min-backoff", "Clear the min backoff (back to the default, 5s).");

    public Option<bool> ClearMaxBackoff { get; } = Clear("--clear-max-backoff", "Clear the max backoff (back to the default, 3600s).");

    public Option<bool> ClearMaxDoublings { get; } = Clear("--clear-max-doublings", "Clear the max doublings (back to the default, 5).");

    public Option<bool> ClearAuthToken { get; } = Clear("--clear-auth-token", "Clear the OIDC token: requests are no longer signed.");

    public Option<bool> ClearNotifyOnFailure { get; } = Clear("--clear-notify-on-failure", "Belfry: tell no channel of failures.");

    public Option<bool> ClearNotifyOnRecovery { get; } = Clear("--clear-notify-on-recovery", "Belfry: tell no channel of recoveries.");

    public Option<bool> ClearNotifyOnSuccess { get; } = Clear("--clear-notify-on-success", "Belfry: tell no channel of successes.");

    public Option<bool> ClearMissedRunDeadline { get; } = Clear("--clear-missed-run-deadline", "Belfry: stop watching for missed runs.");

    private static Option<bool> Clear(string name, string description) => new(name) { Description = description };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        foreach (var option in All())
        {
            command.Options.Add(option);
        }

        command.Validators.Add(Validate);
    }

    private IEnumerable<Option> All()
    {
        Option[] common =
        [
            Schedule, Uri, HttpMethod, Headers, MessageBody, MessageBodyFromFile, TimeZone, Description, AttemptDeadline,
            MaxRetryAttempts, MaxRetryDuration, MinBackoff, MaxBackoff, MaxDoublings, OidcServiceAccountEmail, OidcTokenAudience,
            NotifyOnFailure, NotifyOnRecovery, NotifyOnSuccess, MissedRunDeadline,
        ];
        Option[] updateOnly =
        [
            UpdateHeaders, RemoveHeaders, ClearHeaders, ClearMessageBody, ClearTimeZone, ClearRetryAttempts,
            ClearMaxRetryDuration, ClearMinBackoff, ClearMaxBackoff, ClearMaxDoublings, ClearAuthToken,
            ClearNotifyOnFailure, ClearNotifyOnRecovery, ClearNotifyOnSuccess, ClearMissedRunDeadline,
        ];
        return ForUpdate ? common.Concat(updateOnly) : common;
    }
}
