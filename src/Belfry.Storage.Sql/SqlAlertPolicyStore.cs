using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Storage;

namespace Belfry.Storage.Sql;

internal sealed class SqlAlertPolicyStore(SqlDatabase database) : IAlertPolicyStore
{
    private const string AlertPolicyPageKind = "alertPolicies.v1";
    private const int MaxFailuresPerPolicy = 1000;

    public Task CreateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return database.WriteAsync(async transaction =>
        {
            await InsertAsync(transaction, policy, cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    public Task<AlertPolicy?> GetAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(AlertPolicySql.SelectByName)
                .With("@name", name.FullName);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? AlertPolicyRows.Read(reader, transaction.Dialect) : null;
        }, cancellationToken);
    }

    public Task<AlertPolicyPage> ListAlertPoliciesAsync(LocationName parent, int pageSize, string? pageToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parent);
        var after = PageToken.Decode(pageToken, AlertPolicyPageKind, parent.FullName, keyParts: 1)?[0];
        var size = PageToken.ClampPageSize(pageSize);
        return database.ReadAsync(async transaction =>
        {
            await using var command = transaction.Command(AlertPolicySql.ListPage)
                .With("@project", parent.Project)
                .With("@location", parent.Location)
                .With("@after", after ?? "")
                .With("@limit", size + 1);
            var policies = new List<AlertPolicy>(size + 1);
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    policies.Add(AlertPolicyRows.Read(reader, transaction.Dialect));
                }
            }

            if (policies.Count <= size)
            {
                return new AlertPolicyPage(policies, null);
            }

            policies.RemoveAt(size);
            return new AlertPolicyPage(policies, PageToken.Encode(AlertPolicyPageKind, parent.FullName, policies[^1].Name.PolicyId));
        }, cancellationToken);
    }

    public Task<bool> UpdateAlertPolicyAsync(AlertPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return database.WriteAsync(transaction => ReplaceAsync(transaction, policy, cancellationToken), cancellationToken);
    }

    public Task<bool> DeleteAlertPolicyAsync(AlertPolicyName name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(name);
        return database.WriteAsync(transaction => RemoveAsync(transaction, name.FullName, cancellationToken), cancellationToken);
    }

    /// <summary>The insert of <see cref="CreateAlertPolicyAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task InsertAsync(StoreTransaction transaction, AlertPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(AlertPolicySql.Insert).BindPolicy(policy, transaction.Dialect);
        if (await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
        {
            throw new ResourceAlreadyExistsException(policy.Name.FullName);
        }
    }

    /// <summary>The write of <see cref="UpdateAlertPolicyAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> ReplaceAsync(StoreTransaction transaction, AlertPolicy policy, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(AlertPolicySql.Update).BindPolicy(policy, transaction.Dialect);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The delete of <see cref="DeleteAlertPolicyAsync"/> in <paramref name="transaction"/> (also a change set's).</summary>
    internal static async Task<bool> RemoveAsync(StoreTransaction transaction, string name, CancellationToken cancellationToken)
    {
        await using var command = transaction.Command(AlertPolicySql.Delete).With("@name", name);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    public Task<int> EvaluateAlertPoliciesAsync(DateTimeOffset now, Func<AlertPolicyCheck, AlertPolicyDecision> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);

        // Read, decide and record in one write, never a claim: on PostgreSQL a write excludes every other node's, so two
        // watchers never both read a policy OK and both fire it (Server.Tests Cluster/ClusterAlertTests).
        return database.WriteAsync(async transaction =>
        {
            var policies = new List<AlertPolicy>();
            await using (var select = transaction.Command(AlertPolicySql.ListAll))
            await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
            {
                while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    policies.Add(AlertPolicyRows.Read(reader, transaction.Dialect));
                }
            }

            var enqueued = 0;
            foreach (var policy in policies)
            {
                var failures = policy.Enabled
                    ? await ReadRecentFailuresAsync(transaction, policy.Name.Parent, AlertPolicyRules.JudgedFrom(policy, now), now, cancellationToken).ConfigureAwait(false)
                    : [];
                var decision = decide(new AlertPolicyCheck(policy, failures));
                if (decision.Status != policy.Status)
                {
                    await using var store = transaction.Command(AlertPolicySql.StoreStatus)
                        .With("@firing", decision.Status.Firing)
                        .With("@firingSince", transaction.Dialect.Instant(decision.Status.FiringSince))
                        .With("@lastNotify", transaction.Dialect.Instant(decision.Status.LastNotifyTime))
                        .With("@name", policy.Name.FullName);
                    await store.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                if (decision.Event is { } notificationEvent)
                {
                    enqueued += (await SqlNotificationOutbox.EnqueueAsync(transaction, policy.Channels, notificationEvent, now, cancellationToken).ConfigureAwait(false)).Count;
                }
            }

            return enqueued;
        }, cancellationToken);
    }

    /// <summary>Executions of jobs under <paramref name="parent"/> that failed after their last retry in (from, now], newest first.</summary>
    private static async Task<IReadOnlyList<RecentFailure>> ReadRecentFailuresAsync(
        StoreTransaction transaction, LocationName parent, DateTimeOffset from, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // Job names under the location share the prefix ".../jobs/"; '0' is the character after '/'.
        var prefix = parent.FullName + "/jobs/";
        await using var command = transaction.Command(AlertPolicySql.RecentFailures)
            .With("@from", transaction.Dialect.Instant(from))
            .With("@now", transaction.Dialect.Instant(now))
            .With("@prefix", prefix)
            .With("@prefixEnd", parent.FullName + "/jobs0")
            .With("@max", MaxFailuresPerPolicy);
        var failures = new List<RecentFailure>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (JobName.TryParseStored(reader.GetString(0), out var job))
            {
                failures.Add(new RecentFailure(job, reader.GetString(1), transaction.Dialect.ReadInstant(reader, 2), transaction.Dialect.ReadInstant(reader, 3)));
            }
        }

        return failures;
    }
}
