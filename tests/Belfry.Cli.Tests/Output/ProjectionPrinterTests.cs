using System.Text.Json.Nodes;
using Belfry.Cli.Output;
using Belfry.Cli.Output.Projections;

namespace Belfry.Cli.Tests.Output;

/// <summary>
/// Projections printed as <c>gcloud topic formats</c> documents each format:
/// value: "CSV with no heading and &lt;TAB&gt; separator instead of &lt;COMMA&gt;. Alphanumerics are not quoted.";
/// csv: "Comma Separated Values (RFC 4180)", with a heading row of the column labels unless <c>[no-heading]</c>;
/// table: "Aligned left-adjusted columns and column headings are the disambiguated right hand components of the column
/// keys in uppercase. For example, the projection keys (first.name, last.name) produce the default column heading
/// ('FIRST.NAME', 'LAST.NAME')."
/// </summary>
public sealed class ProjectionPrinterTests
{
    private static readonly JsonNode[] Jobs =
    [
        JsonNode.Parse("""{"name":"projects/p/locations/l/jobs/daily-sync","schedule":"0 6 * * *","state":"ENABLED","httpTarget":{"uri":"https://a.example/sync"}}""")!,
        JsonNode.Parse("""{"name":"projects/p/locations/l/jobs/report","schedule":"30 7 * * 1","state":"PAUSED","description":"weekly, \"big\" one"}""")!,
    ];

    [Fact]
    public void Format_ValueOfTwoKeys_TabSeparatedWithoutHeadingNorQuotes()
    {
        Assert.Equal(
            "projects/p/locations/l/jobs/daily-sync\tENABLED\nprojects/p/locations/l/jobs/report\tPAUSED",
            Print("value(name,state)"));
    }

    [Fact]
    public void Format_Csv_HeadingRowAndRfc4180Quoting()
    {
        Assert.Equal(
            "basename,state,description\ndaily-sync,ENABLED,\nreport,PAUSED,\"weekly, \"\"big\"\" one\"",
            Print("csv(name.basename():label=basename,state,description)"));
        Assert.Equal("daily-sync,ENABLED\nreport,PAUSED", Print("csv[no-heading](name.basename(),state)"));
    }

    [Fact]
    public void Format_TableOfKeys_UppercasedRightHandHeadingsAlignedTwoSpacesApart()
    {
        Assert.Equal(
            """
            NAME        SCHEDULE    STATE    URI
            daily-sync  0 6 * * *   ENABLED  https://a.example/sync
            report      30 7 * * 1  PAUSED
            """.ReplaceLineEndings("\n"),
            Print("table(name.basename(),schedule,state,httpTarget.uri)"));
    }

    [Fact]
    public void Format_TableKeysWithTheSameRightHandPart_DisambiguatedAsGcloudDocuments()
    {
        var people = new[] { JsonNode.Parse("""{"first":{"name":"Ada"},"last":{"name":"Lovelace"}}""")! };

        Assert.Equal("FIRST.NAME  LAST.NAME\nAda         Lovelace", ProjectionPrinter.Format(Parse("table(first.name,last.name)"), people));
    }

    [Fact]
    public void Format_KeyThroughAList_ValuesJoinedBySemicolons()
    {
        var execution = JsonNode.Parse("""{"attempts":[{"statusCode":500},{"statusCode":200}]}""")!;

        Assert.Equal("500;200", ProjectionPrinter.Format(Parse("value(attempts.statusCode)"), [execution]));
    }

    [Theory]
    [InlineData("xml", "invalid format \"xml\"")]
    [InlineData("value", "value needs the keys to print")]
    [InlineData("json(name)", "json takes no projection")]
    [InlineData("table(name,http-target)", "\"http-target\" is not a resource key")]
    [InlineData("table(name:sort=1)", "unsupported key attribute \"sort=1\"")]
    [InlineData("value[box](name)", "unsupported attribute \"box\"")]
    public void Parse_Unsupported_SaysWhatIsWrong(string text, string message)
    {
        var (format, error) = FormatExpression.Parse(text);

        Assert.Null(format);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("json", nameof(OutputFormat.Json))]
    [InlineData("YAML", nameof(OutputFormat.Yaml))]
    [InlineData("table", nameof(OutputFormat.Table))]
    public void Parse_PlainName_NoProjection(string text, string kind)
    {
        var (format, error) = FormatExpression.Parse(text);

        Assert.Null(error);
        Assert.Equal(kind, format!.Kind.ToString());
        Assert.False(format.HasProjection);
    }

    private static string Print(string format) => ProjectionPrinter.Format(Parse(format), Jobs);

    private static FormatSpec Parse(string text) => FormatExpression.Parse(text).Format ?? throw new InvalidOperationException(text);
}
