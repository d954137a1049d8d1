namespace Belfry.Cli.Output;

/// <summary>The values of <c>--format</c>.</summary>
internal enum OutputFormat
{
    Yaml,
    Json,
    Table,
}
