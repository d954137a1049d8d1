namespace Belfry.Cli.AsCode;

/// <summary>
/// One write a plan found: CREATE, UPDATE or DELETE of a resource, the update time it was planned against (the guard
/// apply sends), the declaration it comes from (none for a delete) and the fields it changes.
/// </summary>
internal sealed record PlannedChange(
    DeclaredKind Kind, string Name, string Action, DateTimeOffset? ExpectedUpdateTime, DeclaredResource? Declared, IReadOnlyList<FieldChange> Fields);
