using Belfry.Cli.Output.Projections;

namespace Belfry.Cli.Output;

/// <summary>
/// A parsed <c>--format</c>: the format, and the projection's columns when one was given (<c>table(name,state)</c>);
/// without columns, <c>table</c> is the command's own table. <paramref name="NoHeading"/> is gcloud's
/// <c>[no-heading]</c> attribute.
/// </summary>
internal sealed record FormatSpec(OutputFormat Kind, IReadOnlyList<ProjectionColumn> Columns, bool NoHeading = false)
{
    public static FormatSpec Of(OutputFormat kind) => new(kind, []);

    public bool HasProjection => Columns.Count > 0;
}
