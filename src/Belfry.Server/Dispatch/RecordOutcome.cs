namespace Belfry.Server.Dispatch;

/// <summary>What became of a result handed to <see cref="AttemptRecorder"/>.</summary>
internal enum RecordOutcome
{
    /// <summary>Recorded: durable, the execution moved on.</summary>
    Recorded,

    /// <summary>Fenced out: the execution was taken over or is gone (see <see cref="Core.Storage.IDispatchQueue.RecordAttemptAsync"/>).</summary>
    Fenced,

    /// <summary>
    /// Not recorded and given up (the recorder logged why): the execution stays claimed and its lease decides what
    /// follows (renewed by nobody once the delivery ends, it runs out and the attempt is claimed again).
    /// </summary>
    Parked,
}
