using System.Text.Json.Nodes;
using Belfry.Cli.AsCode.Terraform;

namespace Belfry.Cli.Tests.AsCode.Terraform;

/// <summary>
/// The hand-written HCL reader on the lexing that is easy to get wrong. The expected values of the heredoc and escape
/// cases are what <c>terraform console</c> (v1.11) printed for the same text.
/// </summary>
public sealed class HclParserTests
{
    private static JsonNode? Value(string text, string name = "a")
    {
        var body = HclParser.Parse("test.tf", text);
        var evaluator = new TerraformEvaluator(new TerraformModule(), new Dictionary<string, JsonNode?>(), _ => null, "p");
        return evaluator.Evaluate(body.Attribute(name)!.Value, "test.tf", name);
    }

    private static string Text(string text, string name = "a") => Value(text, name)!.GetValue<string>();

    [Fact]
    public void Parse_IndentedHeredoc_LosesTheLeastIndentationButBlankLinesStay()
    {
        const string Text1 = "a = <<-EOT\n    one\n\n      two\n  \n    three\n    EOT\n";

        Assert.Equal("one\n\n  two\n  \nthree\n", Text(Text1));
    }

    [Fact]
    public void Parse_PlainHeredoc_KeepsIndentationAndInterpolates()
    {
        Assert.Equal("  keep x1\n\\n stays\n", Text("b = \"x\"\na = <<EOT\n  keep ${\"x\"}${1}\n\\n stays\nEOT\n"));
    }

    [Fact]
    public void Parse_NestedStringInInterpolation_ReadsEscapedQuote()
    {
        Assert.Equal("xy\"zw", Text("a = \"x${\"y\\\"z\"}w\""));
    }

    [Theory]
    [InlineData(@"a = ""tab\there""", "tab\there")]
    [InlineData(@"a = ""\u00e9\U0001F600""", "é😀")]
    [InlineData(@"a = ""back\\slash \""q\""""", "back\\slash \"q\"")]
    [InlineData(@"a = ""$${no} %%{no} $ %""", "${no} %{no} $ %")]
    [InlineData("a = \"# not a comment // nor this /* nor */\"", "# not a comment // nor this /* nor */")]
    public void Parse_StringEscapes_DecodeAsHcl(string text, string expected)
    {
        Assert.Equal(expected, Text(text));
    }

    [Fact]
    public void Parse_Comments_AreSkippedEverywhere()
    {
        const string Source = """
            # hash
            // slashes
            /* block
               over lines */ a = /* inline */ "x" # trailing
            b = [ // in a list
              1, /* two */ 2,
            ]
            """;

        Assert.Equal("x", Text(Source));
        Assert.Equal("[1,2]", Value(Source, "b")!.ToJsonString());
    }

    [Fact]
    public void Parse_BlocksWithLabelsAndOneLineBodies_KeepTheirShape()
    {
        var body = HclParser.Parse("test.tf", "resource \"t\" \"n\" {\n  inner { x = 1 }\n  other {}\n}\n");

        var block = Assert.Single(body.Blocks);
        Assert.Equal("resource", block.Type);
        Assert.Equal(["t", "n"], block.Labels);
        Assert.Equal(["inner", "other"], block.Body.Blocks.Select(b => b.Type));
        Assert.Equal("x", Assert.Single(block.Body.Blocks[0].Body.Attributes).Name);
    }

    [Fact]
    public void Parse_MapsAndLists_OverLinesWithCommasOrNewLines()
    {
        const string Source = """
            a = {
              "Content-Type" = "application/json"
              X-Team: "shop",
              n = -1.5e2
              list = [true, false, null,]
            }
            """;

        Assert.Equal("""{"Content-Type":"application/json","X-Team":"shop","n":-150,"list":[true,false,null]}""", Value(Source)!.ToJsonString());
    }

    [Fact]
    public void Parse_Operators_KeptAsTheirTextAndRefusedWhenUsed()
    {
        var body = HclParser.Parse("test.tf", "a = 1 + (2 * 3)\nb = [for x in [1] : x]\nc = { for k, v in {} : k => v }\nd = 2\n");

        Assert.Equal("1 + (2 * 3)", Assert.IsType<HclUnsupported>(body.Attribute("a")!.Value).Source);
        Assert.Equal("for x in [1] : x", Assert.IsType<HclUnsupported>(Assert.IsType<HclTuple>(body.Attribute("b")!.Value).Items[0]).Source);
        Assert.IsType<HclUnsupported>(body.Attribute("c")!.Value);
        Assert.Equal("2", Value("d = 2", "d")!.ToJsonString());
        var error = Assert.Throws<TerraformFileException>(() => Value("a = 1 + 2"));
        Assert.StartsWith("test.tf:1:5: a: 1 + 2: operators", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a = \"open", "test.tf:1:10: unterminated string")]
    [InlineData("a = \"${var.x\nb = 1", "test.tf:1:6: unterminated interpolation")]
    [InlineData("a = <<EOT\nnever closed\n", "test.tf:1:5: unterminated heredoc: no line EOT closes <<EOT.")]
    [InlineData("/* open", "test.tf:1:1: unterminated comment")]
    [InlineData("a = \"bad \\q\"", "test.tf:1:10: invalid escape \\q")]
    [InlineData("a = 1 b = 2", "test.tf:1:7: unexpected 'b' after a value.")]
    [InlineData("block {\n  a = 1\n", "test.tf:3:1: expected '}' to close the block.")]
    [InlineData("a = 1\na = 2", "test.tf:2:1: the attribute a is set twice in this block.")]
    [InlineData("a = \"%{ if true }x%{ endif }\"", "test.tf:1:6: template directives")]
    [InlineData("a = @", "test.tf:1:5: unexpected character '@'.")]
    public void Parse_Malformed_ErrorHasLineAndColumn(string text, string expected)
    {
        var error = Assert.Throws<TerraformFileException>(() => HclParser.Parse("test.tf", text));

        Assert.StartsWith(expected, error.Message, StringComparison.Ordinal);
    }
}
