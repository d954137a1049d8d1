using Belfry.Cli.Scheduler;

namespace Belfry.Cli.Tests.Scheduler;

public sealed class DurationParserTests
{
    [Theory]
    [InlineData("10s", 10.0)]
    [InlineData("5m", 300.0)]
    [InlineData("1h30m", 5400.0)]
    [InlineData("1.5s", 1.5)]
    [InlineData("300", 300.0)]
    [InlineData("0", 0.0)]
    [InlineData("2d", 172800.0)]
    [InlineData("250ms", 0.25)]
    [InlineData("1H", 3600.0)]
    [InlineData(" 90s ", 90.0)]
    [InlineData("1m30s", 90.0)]
    public void TryParse_ValidText_ReturnsSeconds(string text, double seconds)
    {
        Assert.True(DurationParser.TryParse(text, out var duration));
        Assert.Equal(TimeSpan.FromSeconds(seconds), duration);
    }

    [Theory]
    [InlineData("")]
    [InlineData("5x")]
    [InlineData("s")]
    [InlineData("-5s")]
    [InlineData("10 s")]
    [InlineData("1h30")]
    [InlineData("abc")]
    [InlineData("1..5s")]
    [InlineData("79228162514264337593543950335d")] // decimal.MaxValue days: a product that overflowed decimal
    [InlineData("300000000000d1d")]
    [InlineData(".")]
    [InlineData("1e3s")]
    public void TryParse_InvalidText_ReturnsFalse(string text)
    {
        Assert.False(DurationParser.TryParse(text, out _));
    }

    [Theory]
    [InlineData(300.0, "300s")]
    [InlineData(1.5, "1.5s")]
    [InlineData(0.0, "0s")]
    [InlineData(0.25, "0.25s")]
    [InlineData(5400.0, "5400s")]
    public void ToWire_Duration_IsProtobufSeconds(double seconds, string expected)
    {
        Assert.Equal(expected, DurationParser.ToWire(TimeSpan.FromSeconds(seconds)));
    }
}
