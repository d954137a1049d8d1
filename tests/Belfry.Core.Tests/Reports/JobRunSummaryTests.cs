using Belfry.Core.Jobs;
using Belfry.Core.Reports;

namespace Belfry.Core.Tests.Reports;

/// <summary>The success rate as the article's <c>ROUND(COUNTIF(status = 'success') / COUNT(*) * 100, 1)</c>: BigQuery rounds halves away from zero.</summary>
public sealed class JobRunSummaryTests
{
    [Theory]
    [InlineData(6, 4, "66.7")]
    [InlineData(3, 1, "33.3")]
    [InlineData(16, 1, "6.3")]   // 6.25: a half, up (banker's rounding would give 6.2)
    [InlineData(16, 15, "93.8")] // 93.75
    [InlineData(8, 1, "12.5")]
    [InlineData(40, 40, "100.0")]
    [InlineData(7, 0, "0.0")]
    [InlineData(2000, 1, "0.1")] // 0.05
    public void SuccessRate_RunsAndSuccesses_OneDecimalHalvesAwayFromZero(int runs, int successes, string rate)
    {
        var summary = new JobRunSummary(new JobName("p", "l", "j"), runs, successes, TimeSpan.Zero, TimeSpan.Zero, null);

        Assert.Equal(rate, summary.SuccessRate.ToString("0.0", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData(503, null, "HTTP 503")]
    [InlineData(null, "connection refused", "connection refused")]
    [InlineData(500, "deadline exceeded", "deadline exceeded")]
    [InlineData(null, null, "failed")]
    public void FailureMessage_StatusAndError_TheErrorElseTheHttpAnswer(int? statusCode, string? error, string message) =>
        Assert.Equal(message, FailureMessage.Of(statusCode, error));
}
