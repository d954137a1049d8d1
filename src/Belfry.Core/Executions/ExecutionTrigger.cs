namespace Belfry.Core.Executions;

/// <summary>Why an execution exists.</summary>
internal enum ExecutionTrigger
{
    /// <summary>Its scheduled time arrived.</summary>
    Scheduled = 0,

    /// <summary>A <c>:run</c> call; its schedule time is the trigger instant.</summary>
    Manual = 1,

    /// <summary>A time missed while the server was down, fired late by the catch-up policy.</summary>
    CatchUp = 2,
}
