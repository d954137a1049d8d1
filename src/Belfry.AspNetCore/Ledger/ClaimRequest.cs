using Belfry.AspNetCore.RunKeys;

namespace Belfry.AspNetCore.Ledger;

/// <summary>A request to own <see cref="Run"/> from <see cref="Now"/> until <see cref="LeaseUntil"/>.</summary>
internal sealed record ClaimRequest(RunIdentity Run, DateTimeOffset Now, DateTimeOffset LeaseUntil);
