using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class HeadersParserTests
{
    [Fact]
    public void TryParseDictionary_Pairs_KeepsOrderAndValues()
    {
        Assert.True(HeadersParser.TryParseDictionary("Content-Type=application/json,X-Token=a=b", out var headers, out _));
        Assert.Equal(
            [new("Content-Type", "application/json"), new("X-Token", "a=b")],
            headers.ToList());
    }

    [Fact]
    public void TryParseDictionary_EmptyValue_IsAllowed()
    {
        Assert.True(HeadersParser.TryParseDictionary("X-Empty=", out var headers, out _));
        Assert.Equal("", headers["X-Empty"]);
    }

    [Fact]
    public void TryParseDictionary_AlternativeDelimiter_AllowsCommasInValues()
    {
        Assert.True(HeadersParser.TryParseDictionary("^;^Accept=text/plain,text/html;X-Id=1", out var headers, out _));
        Assert.Equal("text/plain,text/html", headers["Accept"]);
        Assert.Equal("1", headers["X-Id"]);
    }

    [Theory]
    [InlineData("NoEquals")]
    [InlineData("=value")]
    [InlineData("A=1,B")]
    public void TryParseDictionary_MissingKeyOrEquals_ReportsTheItem(string text)
    {
        Assert.False(HeadersParser.TryParseDictionary(text, out _, out var error));
        Assert.Contains("bad syntax for dict arg", error);
    }

    [Fact]
    public void ParseList_CommaSeparated_ReturnsKeys()
    {
        Assert.Equal(["X-A", "X-B"], HeadersParser.ParseList("X-A,X-B"));
    }
}
