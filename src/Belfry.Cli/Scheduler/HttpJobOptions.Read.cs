using System.CommandLine;
using System.CommandLine.Parsing;
using System.Text;
using Belfry.Cli.Commands;

namespace Belfry.Cli.Scheduler;

/// <summary>Cross-flag rules (gcloud's mutually exclusive groups) and reading the flags into <see cref="HttpJobFlags"/>.</summary>
internal sealed partial class HttpJobOptions
{
    public HttpJobFlags Read(ParseResult parseResult)
    {
        ArgumentNullException.ThrowIfNull(parseResult);
        return new HttpJobFlags
        {
            Schedule = parseResult.GetValue(Schedule),
            Uri = parseResult.GetValue(Uri),
            HttpMethod = parseResult.GetValue(HttpMethod),
            Headers = parseResult.GetValue(Headers),
            MessageBody = ReadBody(parseResult),
            TimeZone = parseResult.GetValue(TimeZone),
            Description = parseResult.GetValue(Description),
            AttemptDeadline = parseResult.GetValue(AttemptDeadline),
            MaxRetryAttempts = parseResult.GetValue(MaxRetryAttempts),
            MaxRetryDuration = parseResult.GetValue(MaxRetryDuration),
            MinBackoff = parseResult.GetValue(MinBackoff),
            MaxBackoff = parseResult.GetValue(MaxBackoff),
            MaxDoublings = parseResult.GetValue(MaxDoublings),
            OidcServiceAccountEmail = parseResult.GetValue(OidcServiceAccountEmail),
            OidcTokenAudience = parseResult.GetValue(OidcTokenAudience),
            NotifyOnFailure = parseResult.GetValue(NotifyOnFailure),
            NotifyOnRecovery = parseResult.GetValue(NotifyOnRecovery),
            NotifyOnSuccess = parseResult.GetValue(NotifyOnSuccess),
            MissedRunDeadline = parseResult.GetValue(MissedRunDeadline),
            UpdateHeaders = ForUpdate ? parseResult.GetValue(UpdateHeaders) : null,
            RemoveHeaders = ForUpdate ? parseResult.GetValue(RemoveHeaders) : null,
            ClearHeaders = ForUpdate && parseResult.GetValue(ClearHeaders),
            ClearMessageBody = ForUpdate && parseResult.GetValue(ClearMessageBody),
            ClearTimeZone = ForUpdate && parseResult.GetValue(ClearTimeZone),
            ClearRetryAttempts = ForUpdate && parseResult.GetValue(ClearRetryAttempts),
            ClearMaxRetryDuration = ForUpdate && parseResult.GetValue(ClearMaxRetryDuration),
            ClearMinBackoff = ForUpdate && parseResult.GetValue(ClearMinBackoff),
            ClearMaxBackoff = ForUpdate && parseResult.GetValue(ClearMaxBackoff),
            ClearMaxDoublings = ForUpdate && parseResult.GetValue(ClearMaxDoublings),
            ClearAuthToken = ForUpdate && parseResult.GetValue(ClearAuthToken),
            ClearNotifyOnFailure = ForUpdate && parseResult.GetValue(ClearNotifyOnFailure),
            ClearNotifyOnRecovery = ForUpdate && parseResult.GetValue(ClearNotifyOnRecovery),
            ClearNotifyOnSuccess = ForUpdate && parseResult.GetValue(ClearNotifyOnSuccess),
            ClearMissedRunDeadline = ForUpdate && parseResult.GetValue(ClearMissedRunDeadline),
        };
    }

    private byte[]? ReadBody(ParseResult parseResult)
    {
        if (parseResult.GetValue(MessageBody) is { } text)
        {
            return Encoding.UTF8.GetBytes(text);
        }

        if (parseResult.GetValue(MessageBodyFromFile) is not { } path)
        {
            return null;
        }

        try
        {
            return File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new CliUsageException($"argument {MessageBodyFromFile.Name}: unable to read file [{path}]: {e.Message}", exitCode: 1);
        }
    }

    private void Validate(CommandResult command)
    {
        AtMostOne(command, MessageBody, MessageBodyFromFile);
        if (!ForUpdate)
        {
            // As gcloud's create: an audience alone is meaningless (the audience group requires the email).
            if (Given(command, OidcTokenAudience) && !Given(command, OidcServiceAccountEmail))
            {
                command.AddError($"argument {OidcServiceAccountEmail.Name}: Must be specified when {OidcTokenAudience.Name} is given.");
            }

            return;
        }

        AtMostOne(command, ClearHeaders, Headers, UpdateHeaders);
        AtMostOne(command, ClearHeaders, Headers, RemoveHeaders);
        AtMostOne(command, ClearMessageBody, MessageBody, MessageBodyFromFile);
        AtMostOne(command, ClearTimeZone, TimeZone);
        AtMostOne(command, ClearRetryAttempts, MaxRetryAttempts);
        AtMostOne(command, ClearMaxRetryDuration, MaxRetryDuration);
        AtMostOne(command, ClearMinBackoff, MinBackoff);
        AtMostOne(command, ClearMaxBackoff, MaxBackoff);
        AtMostOne(command, ClearMaxDoublings, MaxDoublings);
        AtMostOne(command, ClearAuthToken, OidcServiceAccountEmail);
        AtMostOne(command, ClearAuthToken, OidcTokenAudience);
        AtMostOne(command, ClearNotifyOnFailure, NotifyOnFailure);
        AtMostOne(command, ClearNotifyOnRecovery, NotifyOnRecovery);
        AtMostOne(command, ClearNotifyOnSuccess, NotifyOnSuccess);
        AtMostOne(command, ClearMissedRunDeadline, MissedRunDeadline);

        if (command.Errors.Any() || command.Children.OfType<OptionResult>().Any(o => !o.Implicit && All().Contains(o.Option)))
        {
            return;
        }

        command.AddError("Must specify at least one field to update; see --help for the flags.");
    }

    private static void AtMostOne(CommandResult command, params Option[] options)
    {
        var given = options.Where(o => Given(command, o)).ToList();
        if (given.Count > 1)
        {
            var group = string.Join(" | ", options.Select(o => o.Name));
            command.AddError($"argument {given[0].Name}: At most one of {group} can be specified.");
        }
    }

    /// <summary>Given on the command line; a <c>--clear-*=false</c> counts as not given.</summary>
    private static bool Given(CommandResult command, Option option) =>
        command.GetResult(option) is { Implicit: false } result &&
        (option is not Option<bool> flag || result.GetValueOrDefault<bool>());
}
