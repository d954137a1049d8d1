using Belfry.Core.Jobs;
using Belfry.Core.Notifications;

namespace Belfry.Storage.ContractTests;

public abstract partial class JobStoreContractTests
{
    [Fact]
    public async Task ListLocationsInUse_JobsChannelsAndOtherProjects_EachLocationOnceInOrdinalOrder()
    {
        await Channels.CreateChannelAsync(TestChannel("ops") with { Name = new ChannelName("belfry-test", "asia-east1", "ops") }, Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0, new LocationName("belfry-test", "us-central1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("b", StoreTime.T0, new LocationName("belfry-test", "us-central1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0, new LocationName("belfry-test", "europe-west1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0, new LocationName("other-project", "asia-east1")), Ct);

        var locations = await Stores.Locations.ListLocationsInUseAsync("belfry-test", Ct);
        var none = await Stores.Locations.ListLocationsInUseAsync("empty-project", Ct);

        Assert.Equal(["asia-east1", "europe-west1", "us-central1"], locations);
        Assert.Empty(none);
    }

    [Fact]
    public async Task ListJobs_AnyLocationPagesOfTwo_EveryLocationByNameWithoutGapsOrRepeats()
    {
        await Jobs.CreateJobAsync(TestJobs.Minimal("b", StoreTime.T0, new LocationName("belfry-test", "us-central1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0, new LocationName("belfry-test", "us-central1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("z", StoreTime.T0, new LocationName("belfry-test", "europe-west1")), Ct);
        await Jobs.CreateJobAsync(TestJobs.Minimal("a", StoreTime.T0, new LocationName("other-project", "europe-west1")), Ct);
        var any = new LocationName("belfry-test", LocationName.AnyLocation);

        var first = await Jobs.ListJobsAsync(any, 2, null, Ct);
        var second = await Jobs.ListJobsAsync(any, 2, first.NextPageToken, Ct);

        Assert.Equal(["europe-west1/z", "us-central1/a"], first.Jobs.Select(j => $"{j.Name.Location}/{j.Name.JobId}"));
        Assert.Equal(["us-central1/b"], second.Jobs.Select(j => $"{j.Name.Location}/{j.Name.JobId}"));
        Assert.Null(second.NextPageToken);
        await Assert.ThrowsAsync<Core.Storage.InvalidPageTokenException>(
            () => Jobs.ListJobsAsync(new LocationName("belfry-test", "us-central1"), 2, first.NextPageToken, Ct));
    }
}
