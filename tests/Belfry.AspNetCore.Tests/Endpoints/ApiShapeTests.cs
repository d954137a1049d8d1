using Belfry.AspNetCore.Endpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Belfry.AspNetCore.Tests.Endpoints;

/// <summary>The API as a user writes it (README, docs/sdk.md) compiles and maps what it says.</summary>
public sealed class ApiShapeTests
{
    [Fact]
    public async Task DocumentedSnippet_CompilesAndMapsPostEndpoints()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddBelfryBatch(o => { o.Issuer = "http://127.0.0.1:8085"; o.Audience = "http://127.0.0.1:9000";
                                               o.UseSqliteLedger("ledger.db"); });
        await using var app = builder.Build();
        app.MapBatchJob("/sync", async (BatchContext run, CancellationToken ct) => BatchResult.Rows(await Sync(run.RunDate, ct)));
        app.MapBatchJob("/pipeline/step2", async (BatchContext run, CancellationToken ct) => BatchResult.Rows(await Sync(run.RunDate, ct)))
            .RequireSucceeded("pipeline-step1");

        var endpoints = ((IEndpointRouteBuilder)app).DataSources.SelectMany(source => source.Endpoints).OfType<RouteEndpoint>().ToList();
        var step2 = Assert.Single(endpoints, endpoint => endpoint.RoutePattern.RawText == "/pipeline/step2");
        Assert.Equal(["pipeline-step1"], step2.Metadata.GetMetadata<RequireSucceededMetadata>()!.JobNames);
        Assert.Equal(["pipeline-step2"], step2.Metadata.GetMetadata<BatchJobNameMetadata>()!.JobNames);
        Assert.Equal(["POST"], step2.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()!.HttpMethods);
        Assert.Contains(endpoints, endpoint => endpoint.RoutePattern.RawText == "/sync");
    }

    [Fact]
    public void EveryOption_CanBeSet()
    {
        var options = new BelfryBatchOptions
        {
            Issuer = "https://belfry.example",
            Audience = "https://sync.example",
            RunKeyGranularity = RunKeyGranularity.Hour,
            LeaseDuration = TimeSpan.FromMinutes(2),
            RequireHttpsMetadata = false,
            DefaultTimeZone = "Asia/Tokyo",
            TokenClockSkew = TimeSpan.FromSeconds(10),
            RequireBelfryClaims = true,
            AllowManualCalls = true,
            AllowedCallers = { "scheduler-sa@my-project.iam.gserviceaccount.com" },
        };
        options.UsePostgresLedger("Host=db;Username=sync;Database=sync");

        Assert.NotNull(options.Ledger);
    }

    [Fact]
    public void MapBatchJob_WithoutAddBelfryBatch_SaysWhatIsMissing()
    {
        using var app = WebApplication.CreateSlimBuilder().Build();

        var exception = Assert.Throws<InvalidOperationException>(() => app.MapBatchJob("/sync", (_, _) => Task.FromResult(BatchResult.Ok())));

        Assert.Contains("AddBelfryBatch", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RequireSucceeded_WithoutNames_Throws()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddBelfryBatch(_ => { });
        using var app = builder.Build();

        Assert.Throws<ArgumentException>(() => app.MapBatchJob("/x", (_, _) => Task.FromResult(BatchResult.Ok())).RequireSucceeded());
    }

    [Fact]
    public void BatchResult_FactoriesGuardTheirArguments()
    {
        Assert.Equal((0L, true), (BatchResult.Ok().RowCount, BatchResult.Ok().IsSuccess));
        Assert.Equal((12L, null), (BatchResult.Rows(12).RowCount, BatchResult.Rows(12).Error));
        Assert.Equal((false, "boom"), (BatchResult.Failed("boom").IsSuccess, BatchResult.Failed("boom").Error));
        Assert.Throws<ArgumentOutOfRangeException>(() => BatchResult.Rows(-1));
        Assert.Throws<ArgumentException>(() => BatchResult.Failed(" "));
    }

    private static Task<long> Sync(DateOnly runDate, CancellationToken cancellationToken) => Task.FromResult((long)runDate.Day);
}
