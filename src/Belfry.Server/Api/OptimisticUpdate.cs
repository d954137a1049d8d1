namespace Belfry.Server.Api;

/// <summary>
/// The read, change, write loop of an update guarded by the resource's definition version. The store refuses a write
/// whose definition version moved meanwhile (another user's write, or a plan that left it UPDATE_FAILED), so the change
/// is computed again from a fresh read; after <see cref="MaxConflictRetries"/> refusals the caller gets ABORTED and may
/// try again. The dispatcher's plans do not move it (they would refuse every update of a busy per-second job): the
/// store keeps the schedule time they advanced unless the change sets a new one.
/// </summary>
internal static class OptimisticUpdate
{
    public const int MaxConflictRetries = 10;

    /// <param name="time">The clock whose "now" each attempt's change gets.</param>
    /// <param name="read">Reads the current resource, or throws NOT_FOUND.</param>
    /// <param name="change">The next resource from the current one and now; throws to refuse the change.</param>
    /// <param name="verify">Checks that need I/O (referenced channels exist), given the current and the next resource.</param>
    /// <param name="write">Writes the next resource; false when its definition version moved.</param>
    /// <param name="resource">Names the resource in the ABORTED message, e.g. <c>Job projects/p/locations/l/jobs/j</c>.</param>
    /// <returns>The resource as written.</returns>
    public static async Task<T> ApplyAsync<T>(
        TimeProvider time, Func<Task<T>> read, Func<T, DateTimeOffset, T> change, Func<T, T, Task>? verify, Func<T, Task<bool>> write, string resource)
    {
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(change);
        ArgumentNullException.ThrowIfNull(write);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var current = await read().ConfigureAwait(false);
            var next = change(current, time.GetUtcNow());
            if (verify is not null)
            {
                await verify(current, next).ConfigureAwait(false);
            }

            if (await write(next).ConfigureAwait(false))
            {
                return next;
            }
        }

        throw ApiException.Aborted($"{resource} kept changing concurrently; try again.");
    }
}
