using System.Text.Json.Nodes;
using Belfry.Cli.Output;

namespace Belfry.Cli.Tests.Output;

public sealed class YamlPrinterTests
{
    [Fact]
    public void Format_StringsThatLookTyped_AreQuoted()
    {
        var node = JsonNode.Parse("""
            {"t":"2027-01-01T00:00:00Z","n":"123","b":"true","e":"","plain":"0 6 * * *","star":"*/5 * * * *",
             "colon":"a: b","num":3,"flag":false,"list":["x"],"empty":{}}
            """);

        Assert.Equal("""
            b: 'true'
            colon: 'a: b'
            e: ''
            empty: {}
            flag: false
            list:
              - x
            n: '123'
            num: 3
            plain: 0 6 * * *
            star: '*/5 * * * *'
            t: '2027-01-01T00:00:00Z'
            """, YamlPrinter.Format(node));
    }

    [Fact]
    public void FormatDocuments_Several_SeparatedByDashes()
    {
        var text = YamlPrinter.FormatDocuments([JsonNode.Parse("""{"a":1}"""), JsonNode.Parse("""{"b":2}""")]);

        Assert.Equal("a: 1\n---\nb: 2", text);
    }
}
