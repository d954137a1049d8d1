namespace Belfry.Storage.ContractTests;

/// <summary>Explicit instants for store tests: no sleeps, no wall clock.</summary>
internal static class StoreTime
{
    public static DateTimeOffset T0 { get; } = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);

    public static DateTimeOffset Truncate(DateTimeOffset value, TimeSpan precision) =>
        value.AddTicks(-(value.UtcTicks % precision.Ticks));
}
