using System.CommandLine;
using Belfry.Cli.Commands;
using Belfry.Cli.Http;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Belfry.Cli.AsCode;

/// <summary>The flags <c>plan</c> and <c>apply</c> share (<c>-f</c>, <c>--values</c>, <c>--prune</c>), and reading the file they name.</summary>
internal sealed class FileOptions
{
    public Option<string> File { get; } = new("--file", "-f")
    {
        Description = "The belfry.yaml (YAML, or JSON) declaring channels, jobs, pipelines and alert policies per project and location. Default: belfry.yaml.",
        HelpName = "FILE",
        DefaultValueFactory = _ => "belfry.yaml",
    };

    public Option<string?> Values { get; } = new("--values")
    {
        Description = "A YAML map of values for ${var.NAME} in the file, e.g. prod.yaml or staging.yaml. ${env:NAME} reads belfry's environment.",
        HelpName = "FILE",
    };

    public Option<bool> Prune { get; } = new("--prune")
    {
        Description = "Also delete what the server has in the file's project/location pairs and the file does not declare. Without it, only declared resources are considered.",
    };

    public async Task<(BelfryFile File, IReadOnlyList<PlannedChange> Plan)> PlanAsync(
        CliEnvironment environment, ParseResult parseResult, BelfryApiClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(environment);
        ArgumentNullException.ThrowIfNull(parseResult);
        var path = parseResult.GetRequiredValue(File);
        var valuesPath = parseResult.GetValue(Values);
        var variables = valuesPath is null ? new Dictionary<string, string>() : ReadValues(valuesPath, await ReadAsync(valuesPath, cancellationToken).ConfigureAwait(false));
        var reader = new BelfryFileReader(path, new FileValues(variables, valuesPath, environment.GetVariable));
        try
        {
            var file = reader.Read(await ReadAsync(path, cancellationToken).ConfigureAwait(false));
            return (file, await Planner.PlanAsync(client, file, parseResult.GetValue(Prune), cancellationToken).ConfigureAwait(false));
        }
        catch (BelfryFileException e)
        {
            throw new CliUsageException(e.Message, exitCode: 1);
        }
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await System.IO.File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: cannot be read: {e.Message}", exitCode: 1);
        }
    }

    /// <summary>A values file: a flat YAML map of names to scalars.</summary>
    private static Dictionary<string, string> ReadValues(string path, string text)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var stream = new YamlStream();
            stream.Load(new StringReader(text));
            if (stream.Documents.Count == 0)
            {
                return values;
            }

            if (stream.Documents[0].RootNode is not YamlMappingNode map)
            {
                throw new CliUsageException($"{path}:1:1: the values file must be a map of NAME: value.", exitCode: 1);
            }

            foreach (var (key, value) in map.Children)
            {
                values[((YamlScalarNode)key).Value ?? ""] = value is YamlScalarNode { Value: var scalar }
                    ? scalar ?? ""
                    : throw new CliUsageException($"{path}:{value.Start.Line}:{value.Start.Column}: {key}: a value must be a single scalar.", exitCode: 1);
            }
        }
        catch (YamlException e)
        {
            throw new CliUsageException($"{path}:{e.Start.Line}:{e.Start.Column}: {e.InnerException?.Message ?? e.Message}", exitCode: 1);
        }

        return values;
    }
}
