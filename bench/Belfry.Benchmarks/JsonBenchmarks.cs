using System.Text.Json;
using BenchmarkDotNet.Attributes;
using Belfry.Contracts.Common;
using Belfry.Contracts.Jobs;
using Belfry.Contracts.Serialization;

namespace Belfry.Benchmarks;

/// <summary>A full <see cref="JobResource"/> through the source-generated <see cref="BelfryJsonContext"/>: what every API answer costs.</summary>
[MemoryDiagnoser]
public class JsonBenchmarks
{
    private readonly JobResource _job = new()
    {
        Name = "projects/bench/locations/asia-northeast1/jobs/sync-daily-data",
        Description = "Nightly sync of the day's data",
        Schedule = "0 6 * * *",
        TimeZone = "Asia/Tokyo",
        HttpTarget = new HttpTargetResource
        {
            Uri = "http://127.0.0.1:9000/sync",
            HttpMethod = HttpMethodWire.Post,
            Headers = new Dictionary<string, string> { ["Content-Type"] = "application/json", ["X-Tenant"] = "acme" },
            Body = Convert.ToBase64String("{\"full\":false,\"tables\":[\"orders\",\"customers\"]}"u8),
        },
        UserUpdateTime = new DateTimeOffset(2027, 6, 1, 12, 0, 0, TimeSpan.Zero),
        State = JobStateWire.Enabled,
        Status = new StatusResource { Code = 0, Message = "" },
        ScheduleTime = new DateTimeOffset(2027, 6, 1, 21, 0, 0, TimeSpan.Zero),
        LastAttemptTime = new DateTimeOffset(2027, 5, 31, 21, 0, 0, 12, TimeSpan.Zero),
        RetryConfig = new RetryConfigResource { RetryCount = 3, MinBackoffDuration = "10s", MaxBackoffDuration = "300s", MaxDoublings = 3, MaxRetryDuration = "0s" },
        AttemptDeadline = "180s",
    };

    private byte[] _utf8 = [];

    [GlobalSetup]
    public void Setup() => _utf8 = JsonSerializer.SerializeToUtf8Bytes(_job, BelfryJsonContext.Default.JobResource);

    [Benchmark]
    public byte[] Serialize() => JsonSerializer.SerializeToUtf8Bytes(_job, BelfryJsonContext.Default.JobResource);

    [Benchmark]
    public JobResource? Deserialize() => JsonSerializer.Deserialize(_utf8, BelfryJsonContext.Default.JobResource);

    [Benchmark(Baseline = true)]
    public JobResource? RoundTrip() =>
        JsonSerializer.Deserialize(JsonSerializer.SerializeToUtf8Bytes(_job, BelfryJsonContext.Default.JobResource), BelfryJsonContext.Default.JobResource);
}
