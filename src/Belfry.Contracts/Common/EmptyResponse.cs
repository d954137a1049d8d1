namespace Belfry.Contracts.Common;

/// <summary><c>{}</c>: what delete answers.</summary>
public sealed class EmptyResponse;
