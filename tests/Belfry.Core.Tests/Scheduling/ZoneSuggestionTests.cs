using Belfry.Core.Scheduling;

namespace Belfry.Core.Tests.Scheduling;

public sealed class ZoneSuggestionTests
{
    [Theory]
    [InlineData("asia/tokyo", "Asia/Tokyo")] // same id, other case: before any distance
    [InlineData("AMERICA/NEW_YORK", "America/New_York")]
    [InlineData("JST", "Asia/Tokyo")] // abbreviations: a representative zone
    [InlineData("pst", "America/Los_Angeles")]
    [InlineData("CEST", "Europe/Paris")]
    [InlineData("Tokyo", "Asia/Tokyo")] // a city alone
    [InlineData("new york", "America/New_York")]
    [InlineData("Asia/Tokio", "Asia/Tokyo")] // nearest by edit distance
    [InlineData("Europe/Londn", "Europe/London")]
    [InlineData("America/NewYork", "America/New_York")]
    [InlineData("Sydeny", "Australia/Sydney")]
    public void For_MisspeltZone_TheIanaIdMeant(string id, string expected)
    {
        Assert.Equal(expected, ZoneSuggestion.For(id));
    }

    [Theory]
    [InlineData("Mars/Olympus")]
    [InlineData("not a zone at all")]
    [InlineData("  ")]
    public void For_NothingNear_Null(string id)
    {
        Assert.Null(ZoneSuggestion.For(id));
    }
}
