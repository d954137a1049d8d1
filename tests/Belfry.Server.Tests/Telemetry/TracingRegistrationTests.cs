using Belfry.Server.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Trace;

namespace Belfry.Server.Tests.Telemetry;

/// <summary>
/// The server makes spans only when they are exported (issue 13: a sampled span that goes nowhere cost a fifth of the
/// dispatch burst's speed): its tracer provider exists only when an OTLP endpoint for traces is set.
/// </summary>
public sealed class TracingRegistrationTests
{
    [Fact]
    public void AddBelfryTelemetry_NoOtlpEndpoint_NoTracerProvider()
    {
        using var services = Build([]);

        Assert.Null(services.GetService<TracerProvider>());
    }

    [Theory]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT")]
    [InlineData("OTEL_EXPORTER_OTLP_TRACES_ENDPOINT")]
    public void AddBelfryTelemetry_OtlpEndpointSet_TracerProviderListensToBelfry(string variable)
    {
        using var services = Build(new() { [variable] = "http://127.0.0.1:4317" });

        Assert.NotNull(services.GetService<TracerProvider>());
    }

    [Fact]
    public void AddBelfryTelemetry_OnlyMetricsEndpointSet_NoTracerProvider()
    {
        using var services = Build(new() { ["OTEL_EXPORTER_OTLP_METRICS_ENDPOINT"] = "http://127.0.0.1:4317" });

        Assert.Null(services.GetService<TracerProvider>());
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton(TimeProvider.System);
        services.AddBelfryTelemetry(configuration);
        return services.BuildServiceProvider();
    }
}
