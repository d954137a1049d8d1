using System.Net.Http.Headers;
using System.Text;
using Belfry.Notifications.Delivery;

namespace Belfry.Notifications.Tests.Delivery;

public sealed class RetryAfterTests
{
    private static readonly DateTimeOffset Now = new(2027, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("""{"message":"You are being rate limited.","retry_after":1.5,"global":false}""", 1500)]
    [InlineData("""{"retry_after":0.25}""", 250)]
    [InlineData("""{"retry_after":7}""", 7000)]
    public void FromJsonBody_DiscordRetryAfter_SecondsMayBeFractional(string body, int expectedMs)
    {
        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), RetryAfter.FromJsonBody(Encoding.UTF8.GetBytes(body)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not json")]
    [InlineData("""{"retry_after":"soon"}""")]
    [InlineData("""{"retry_after":-1}""")]
    [InlineData("[1]")]
    public void FromJsonBody_NoUsableValue_Null(string body) => Assert.Null(RetryAfter.FromJsonBody(Encoding.UTF8.GetBytes(body)));

    [Fact]
    public void FromHeader_DeltaSeconds() => Assert.Equal(TimeSpan.FromSeconds(30), RetryAfter.FromHeader("30", Now));

    [Fact]
    public void FromHeader_HttpDate_RelativeToNow() =>
        Assert.Equal(TimeSpan.FromSeconds(90), RetryAfter.FromHeader("Fri, 01 Jan 2027 00:01:30 GMT", Now));

    [Fact]
    public void From_BodyAndHeader_DiscordBodyWins()
    {
        using var response = new HttpResponseMessage();
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(2));

        Assert.Equal(TimeSpan.FromSeconds(1.5), RetryAfter.From(response.Headers, """{"retry_after":1.5}"""u8, Now));
        Assert.Equal(TimeSpan.FromSeconds(2), RetryAfter.From(response.Headers, ""u8, Now));
    }
}
