using System.CommandLine;
using System.CommandLine.Parsing;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Output.Filters;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// The flags every <c>scheduler</c> command takes: gcloud's <c>--project</c>, <c>--format</c> and <c>--quiet</c>,
/// the jobs' <c>--location</c>, and Belfry's <c>--endpoint</c> and <c>--admin-token-file</c>. Defaults come from
/// BELFRY_* environment variables.
/// </summary>
internal sealed class SchedulerOptions
{
    public const string DefaultProject = "default";
    public const string DefaultLocation = "local";
    public const string DefaultEndpoint = "http://127.0.0.1:8085";
    public const string AdminTokenVariable = "BELFRY_ADMIN_TOKEN";

    public SchedulerOptions(CliEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        Project = new Option<string>("--project")
        {
            Description = "The project of the jobs. The default is $BELFRY_PROJECT if set, else \"default\".",
            HelpName = "PROJECT_ID",
            Recursive = true,
            DefaultValueFactory = _ => Variable(environment, "BELFRY_PROJECT") ?? DefaultProject,
        };
        Location = new Option<string>("--location")
        {
            Description = "The location of the jobs (any name: Belfry keeps them apart, as Cloud Scheduler's regions). " +
                "The default is $BELFRY_LOCATION if set, else \"local\".",
            HelpName = "LOCATION",
            Recursive = true,
            DefaultValueFactory = _ => Variable(environment, "BELFRY_LOCATION") ?? DefaultLocation,
        };
        Endpoint = new Option<string>("--endpoint")
        {
            Description = "URL of the Belfry server. The default is $BELFRY_ENDPOINT if set, else " + DefaultEndpoint + ".",
            HelpName = "URL",
            Recursive = true,
            DefaultValueFactory = _ => Variable(environment, "BELFRY_ENDPOINT") ?? DefaultEndpoint,
        };
        AdminTokenFile = new Option<string?>("--admin-token-file")
        {
            Description = "File holding the server's admin token, sent as 'Authorization: Bearer'. Default: $" +
                AdminTokenVariable + " when set; a server on loopback without a token needs none.",
            HelpName = "FILE",
            Recursive = true,
        };
        Format = new Option<FormatSpec?>("--format")
        {
            Description = "Output format, as gcloud's: json, yaml, table, or table(KEY,...), value(KEY,...) (tab-separated, no heading), " +
                "csv(KEY,...) over resource keys such as name, state, httpTarget.uri or name.basename(). Default: yaml for one " +
                "resource, table for lists.",
            HelpName = "FORMAT",
            Recursive = true,
            CustomParser = OutputFormatParser.ParseSpec,
        };
        Filter = new Option<ResourceFilter?>("--filter")
        {
            Description = "List only the resources the gcloud filter expression selects, e.g. state=PAUSED, name~sync, " +
                "schedule:\"0 6\", combined with AND, OR, NOT and parentheses (see docs/scripting.md). Applied before --limit.",
            HelpName = "EXPRESSION",
            CustomParser = ParseFilter,
        };
        Quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Disable all interactive prompts; when input is needed, take the default (delete: yes).",
            Recursive = true,
        };
    }

    public Option<string> Project { get; }

    public Option<string> Location { get; }

    public Option<string> Endpoint { get; }

    public Option<string?> AdminTokenFile { get; }

    public Option<FormatSpec?> Format { get; }

    /// <summary>gcloud's <c>--filter</c>, on list commands only (each adds it: it is not recursive).</summary>
    public Option<ResourceFilter?> Filter { get; }

    public Option<bool> Quiet { get; }

    /// <summary>
    /// A command over one location's resources (channels, alert policies, pipelines): every flag above, recursive, and
    /// <paramref name="subcommands"/>.
    /// </summary>
    public Command LocationCommand(string name, string description, params IEnumerable<Command> subcommands)
    {
        var command = new Command(name, description) { Project, Location, Endpoint, AdminTokenFile, Format, Quiet };
        foreach (var subcommand in subcommands)
        {
            command.Subcommands.Add(subcommand);
        }

        return command;
    }

    private static ResourceFilter? ParseFilter(ArgumentResult result)
    {
        var text = result.Tokens.Count > 0 ? result.Tokens[^1].Value : string.Empty;
        try
        {
            return ResourceFilter.Parse(text);
        }
        catch (FilterSyntaxException e)
        {
            result.AddError($"argument {FlagParsers.Flag(result)}: invalid filter \"{text}\": {e.Message}");
            return null;
        }
    }

    private static string? Variable(CliEnvironment environment, string name) =>
        environment.GetVariable(name) is { Length: > 0 } value ? value : null;
}
