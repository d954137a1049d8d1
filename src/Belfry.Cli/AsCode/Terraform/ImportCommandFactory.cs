using System.CommandLine;
using System.Text.Json.Nodes;
using Belfry.Cli.Commands;
using Belfry.Cli.Output;
using Belfry.Cli.Scheduler;

namespace Belfry.Cli.AsCode.Terraform;

/// <summary>
/// <c>belfry import terraform main.tf [--var NAME=VALUE …] [--var-file FILE …] [-o belfry.yaml]</c>: the article's
/// Terraform for Cloud Scheduler as a belfry.yaml (docs/jobs-as-code.md, "From Terraform"). No server involved.
/// </summary>
internal static class ImportCommandFactory
{
    public static Command Create(CliEnvironment environment)
    {
        var scheduler = new SchedulerOptions(environment);
        var paths = new Argument<string[]>("PATH")
        {
            Description = "Terraform files (.tf), or directories whose .tf files are read together (with their terraform.tfvars and *.auto.tfvars).",
            Arity = ArgumentArity.OneOrMore,
        };
        var variables = new Option<string[]>("--var")
        {
            Description = "A variable's value, NAME=VALUE, as terraform's -var; repeatable. Wins over --var-file, TF_VAR_NAME and the default.",
            HelpName = "NAME=VALUE",
        };
        var variableFiles = new Option<string[]>("--var-file")
        {
            Description = "A variables file (.tfvars: NAME = value lines), as terraform's -var-file; repeatable, later files win.",
            HelpName = "FILE",
        };
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the belfry.yaml to FILE. Default: stdout.",
            HelpName = "FILE",
        };
        var terraform = new Command("terraform",
            "Convert every google_cloud_scheduler_job resource of Terraform files into a belfry.yaml for `belfry plan` and `belfry apply`. " +
            "Values are literals, var.NAME (from --var, --var-file, TF_VAR_NAME or the default), local.NAME, base64encode(…) and a " +
            "google_service_account's email; anything else (other functions, other resources' attributes, count, for_each, Pub/Sub and " +
            "App Engine targets, oauth_token) is an error naming file, line and column. region is the location (else the provider's, else " +
            "--location); project likewise (else --project).")
        {
            paths, variables, variableFiles, output, scheduler.Project, scheduler.Location,
        };
        terraform.SetAction((parseResult, cancellationToken) => ActionRunner.RunAsync(parseResult, environment, async ct =>
        {
            try
            {
                var (files, autoVariables) = await ReadPathsAsync(parseResult.GetRequiredValue(paths), ct).ConfigureAwait(false);
                var given = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
                foreach (var path in autoVariables.Concat(parseResult.GetValue(variableFiles) ?? []))
                {
                    foreach (var (name, value) in TerraformImporter.ReadVariables(path, await ReadAsync(path, ct).ConfigureAwait(false)))
                    {
                        given[name] = value;
                    }
                }

                foreach (var pair in parseResult.GetValue(variables) ?? [])
                {
                    var equals = pair.IndexOf('=', StringComparison.Ordinal);
                    given[equals > 0 ? pair[..equals] : throw new CliUsageException($"argument --var: expected NAME=VALUE, got \"{pair}\"")] =
                        JsonValue.Create(pair[(equals + 1)..]);
                }

                var importer = new TerraformImporter(files, given, environment.GetVariable,
                    parseResult.GetRequiredValue(scheduler.Project), parseResult.GetRequiredValue(scheduler.Location));
                var yaml = YamlPrinter.Format(importer.Import()) + "\n";
                foreach (var note in importer.Notes)
                {
                    await environment.Error.WriteLineAsync($"NOTE: {note}").ConfigureAwait(false);
                }

                if (parseResult.GetValue(output) is { } target)
                {
                    await File.WriteAllTextAsync(target, yaml, ct).ConfigureAwait(false);
                }
                else
                {
                    await environment.Out.WriteAsync(yaml).ConfigureAwait(false);
                }

                return 0;
            }
            catch (TerraformFileException e)
            {
                throw new CliUsageException(e.Message, exitCode: 1);
            }
        }, cancellationToken));
        return new Command("import", "Convert other tools' definitions into a belfry.yaml.") { terraform };
    }

    private static async Task<(List<(string File, string Text)> Files, List<string> AutoVariables)> ReadPathsAsync(string[] paths, CancellationToken cancellationToken)
    {
        var files = new List<(string, string)>();
        var autoVariables = new List<string>();
        foreach (var path in paths)
        {
            if (Directory.Exists(path))
            {
                foreach (var file in Directory.GetFiles(path, "*.tf").Order(StringComparer.Ordinal))
                {
                    files.Add((file, await ReadAsync(file, cancellationToken).ConfigureAwait(false)));
                }

                // Terraform loads these by itself from the directory it runs in, terraform.tfvars first.
                autoVariables.AddRange(new[] { Path.Combine(path, "terraform.tfvars") }.Where(File.Exists));
                autoVariables.AddRange(Directory.GetFiles(path, "*.auto.tfvars").Order(StringComparer.Ordinal));
            }
            else
            {
                files.Add((path, await ReadAsync(path, cancellationToken).ConfigureAwait(false)));
            }
        }

        return (files, autoVariables);
    }

    private static async Task<string> ReadAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await File.ReadAllTextAsync(path, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new CliUsageException($"{path}: cannot be read: {e.Message}", exitCode: 1);
        }
    }
}
