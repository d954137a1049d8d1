using Belfry.Cli.Alerts;

namespace Belfry.Cli.Tests.Alerts;

public sealed class MonitoringPolicyFileTests
{
    [Theory]
    [InlineData("Cloud Scheduler ジョブ失敗", "cloud-scheduler")]
    [InlineData("Sync: daily data (prod) ", "sync-daily-data-prod")]
    [InlineData("--A__b--", "a-b")]
    [InlineData("ジョブ失敗", null)]
    [InlineData(null, null)]
    public void IdFrom_DisplayName_LowercaseAsciiJoinedByHyphens(string? displayName, string? id)
    {
        Assert.Equal(id, MonitoringPolicyFile.IdFrom(displayName));
    }

    [Fact]
    public void IdFrom_LongName_AtMost100Characters()
    {
        var id = MonitoringPolicyFile.IdFrom(new string('a', 99) + " b c");

        Assert.Equal(new string('a', 99), id);
    }
}
