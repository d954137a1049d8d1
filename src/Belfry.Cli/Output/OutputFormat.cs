namespace Belfry.Cli.Output;

/// <summary>The format names <c>--format</c> takes (gcloud's <c>NAME</c> in <c>NAME[ATTRIBUTES](PROJECTION)</c>).</summary>
internal enum OutputFormat
{
    Yaml,
    Json,
    Table,

    /// <summary><c>value(KEYS)</c>: gcloud's CSV without a heading, tab-separated, nothing quoted.</summary>
    Value,

    /// <summary><c>csv(KEYS)</c>: RFC 4180 with a heading row.</summary>
    Csv,
}
