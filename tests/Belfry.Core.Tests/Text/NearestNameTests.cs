using Belfry.Core.Text;

namespace Belfry.Core.Tests.Text;

public sealed class NearestNameTests
{
    [Theory]
    [InlineData("kitten", "sitting", 3)]
    [InlineData("asia/tokyo", "Asia/Tokyo", 0)]
    [InlineData("--max-retry-attempt", "--max-retry-attempts", 1)]
    [InlineData("--shcedule", "--schedule", 1)]
    [InlineData("", "abc", 3)]
    public void Distance_TwoNames_EditsIgnoringCaseWithTranspositions(string a, string b, int expected)
    {
        Assert.Equal(expected, NearestName.Distance(a, b));
        Assert.Equal(expected, NearestName.Distance(b, a));
    }

    [Fact]
    public void Find_SeveralWithinReach_TheNearest()
    {
        var found = NearestName.Find("--max-retry-attempt", ["--max-doublings", "--max-retry-attempts", "--max-retry-duration"], 3);

        Assert.Equal("--max-retry-attempts", found);
    }

    [Fact]
    public void Find_NothingWithinReach_Null()
    {
        Assert.Null(NearestName.Find("--colour", ["--max-retry-attempts", "--schedule"], 2));
    }

    [Fact]
    public void Find_Tie_TheFirstCandidate()
    {
        Assert.Equal("ab", NearestName.Find("aa", ["ab", "ba"], 1));
    }
}
