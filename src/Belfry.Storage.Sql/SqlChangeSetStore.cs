using Belfry.Core.Jobs;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

/// <summary>
/// A change set in one write transaction (issue 17): each change is first checked against the row's update time, then
/// written by the same helper its own store's method uses, so a job updated here withdraws what was armed and publishes
/// its change exactly as an API update does. Any refusal throws and rolls back every earlier write of the set.
/// </summary>
internal sealed class SqlChangeSetStore(SqlDatabase database) : IChangeSetStore
{
    public Task ApplyChangeSetAsync(ChangeSet changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        return database.WriteAsync(async transaction =>
        {
            foreach (var change in changes.Changes)
            {
                await CheckAsync(transaction, change, cancellationToken).ConfigureAwait(false);
                await WriteAsync(transaction, change, cancellationToken).ConfigureAwait(false);
            }

            return true;
        }, cancellationToken);
    }

    private static async Task CheckAsync(StoreTransaction transaction, ResourceChange change, CancellationToken cancellationToken)
    {
        var sql = change.Kind switch
        {
            ChangeResourceKind.Job => ChangeSetSql.JobUpdateTime,
            ChangeResourceKind.Pipeline => ChangeSetSql.PipelineUpdateTime,
            ChangeResourceKind.Channel => ChangeSetSql.ChannelUpdateTime,
            _ => ChangeSetSql.AlertPolicyUpdateTime,
        };
        DateTimeOffset? stored = null;
        await using (var command = transaction.Command(sql).With("@name", change.Name))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                stored = transaction.Dialect.ReadInstant(reader, 0);
            }
        }

        if (change.Action == ChangeAction.Create)
        {
            if (stored is not null)
            {
                throw new ChangeSetConflictException(change.Name, "was created since the plan.");
            }

            return;
        }

        if (stored is not { } time)
        {
            throw new ChangeSetConflictException(change.Name, "was deleted since the plan.");
        }

        if (change.ExpectedUpdateTime is not { } expected || time != expected)
        {
            throw new ChangeSetConflictException(change.Name, "was changed since the plan.");
        }
    }

    private async Task WriteAsync(StoreTransaction transaction, ResourceChange change, CancellationToken cancellationToken)
    {
        var written = (change.Kind, change.Action) switch
        {
            (ChangeResourceKind.Job, ChangeAction.Create) => await CreatedAsync(SqlJobStore.InsertAsync(database, transaction, Required(change.Job, change), cancellationToken)).ConfigureAwait(false),
            (ChangeResourceKind.Job, ChangeAction.Update) => await SqlJobStore.ReplaceAsync(database, transaction, Required(change.Job, change), cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.Job, _) => await SqlJobStore.RemoveAsync(database, transaction, Parse<JobName>(change, JobName.TryParse), cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.Pipeline, ChangeAction.Create) => await CreatedAsync(SqlPipelineStore.InsertAsync(transaction, Required(change.Pipeline, change), cancellationToken)).ConfigureAwait(false),
            (ChangeResourceKind.Pipeline, ChangeAction.Update) => await SqlPipelineStore.ReplaceAsync(transaction, Required(change.Pipeline, change), cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.Pipeline, _) => await SqlPipelineStore.RemoveAsync(database, transaction, Parse<PipelineName>(change, PipelineName.TryParse), cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.Channel, ChangeAction.Create) => await CreatedAsync(SqlChannelStore.InsertAsync(transaction, Required(change.Channel, change), cancellationToken)).ConfigureAwait(false),
            (ChangeResourceKind.Channel, ChangeAction.Update) => await SqlChannelStore.ReplaceAsync(transaction, Required(change.Channel, change), cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.Channel, _) => await SqlChannelStore.RemoveAsync(transaction, change.Name, cancellationToken).ConfigureAwait(false),
            (ChangeResourceKind.AlertPolicy, ChangeAction.Create) => await CreatedAsync(SqlAlertPolicyStore.InsertAsync(transaction, Required(change.AlertPolicy, change), cancellationToken)).ConfigureAwait(false),
            (ChangeResourceKind.AlertPolicy, ChangeAction.Update) => await SqlAlertPolicyStore.ReplaceAsync(transaction, Required(change.AlertPolicy, change), cancellationToken).ConfigureAwait(false),
            _ => await SqlAlertPolicyStore.RemoveAsync(transaction, change.Name, cancellationToken).ConfigureAwait(false),
        };

        // The update time was checked just before in this transaction, so only a definition version moved by a plan
        // that left the job UPDATE_FAILED can refuse the write here.
        if (!written)
        {
            throw new ChangeSetConflictException(change.Name, "was changed since the plan.");
        }
    }

    private static async Task<bool> CreatedAsync(Task insert)
    {
        await insert.ConfigureAwait(false);
        return true;
    }

    private static T Required<T>(T? resource, ResourceChange change)
        where T : class =>
        resource ?? throw new ArgumentException($"The {change.Action} of {change.Name} carries no {typeof(T).Name}.", nameof(change));

    private delegate bool TryParseName<T>(string? value, out T? name);

    private static T Parse<T>(ResourceChange change, TryParseName<T> tryParse)
        where T : class =>
        tryParse(change.Name, out var name) && name is not null ? name : throw new ArgumentException($"{change.Name} is not a {typeof(T).Name}.", nameof(change));
}
