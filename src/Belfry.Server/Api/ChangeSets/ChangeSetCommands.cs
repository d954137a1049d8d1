using Belfry.Contracts.ChangeSets;
using Belfry.Core.Alerts;
using Belfry.Core.Jobs;
using Belfry.Core.Notifications;
using Belfry.Core.Pipelines;
using Belfry.Core.Storage;
using Belfry.Server.Api.AlertPolicies;
using Belfry.Server.Api.Channels;
using Belfry.Server.Api.Jobs;
using Belfry.Server.Api.Pipelines;

namespace Belfry.Server.Api.ChangeSets;

/// <summary>
/// What <c>POST /v1/changeSets:apply</c> does (issue 17, docs/jobs-as-code.md): every change is validated as its own
/// resource's create or update would validate it (the same <c>Created</c>/<c>Replaced</c> of each resource's commands),
/// checked against the update time it was planned with, and its channel references against the channels that will
/// exist once the whole set is applied; only then is the set written, in one store transaction. A refusal names the
/// change (<c>changes[i] (job NAME): field: …</c>) and nothing is written.
/// </summary>
internal sealed class ChangeSetCommands(
    IChangeSetStore store, IJobStore jobs, IPipelineStore pipelines, IChannelStore channels, IAlertPolicyStore policies,
    JobCommands jobCommands, PipelineCommands pipelineCommands, ChannelCommands channelCommands, TimeProvider time)
{
    public const int MaxChanges = 1000;

    public async Task<ChangeSetResponse> ApplyAsync(ChangeSetRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var wire = request.Changes ?? [];
        if (wire.Count is 0 or > MaxChanges)
        {
            throw ApiException.InvalidArgument($"changes: between 1 and {MaxChanges} changes, got {wire.Count}.");
        }

        var now = time.GetUtcNow();
        var prepared = new List<ResourceChange>(wire.Count);
        for (var i = 0; i < wire.Count; i++)
        {
            try
            {
                var change = await PrepareAsync(wire[i], now, cancellationToken).ConfigureAwait(false);
                if (prepared.Any(p => p.Name == change.Name))
                {
                    throw ApiException.InvalidArgument("name: the change set changes this resource twice.");
                }

                prepared.Add(change);
            }
            catch (ApiException e)
            {
                throw Located(e, i, wire[i].Name);
            }
        }

        await EnsureChannelsExistAsync(prepared, cancellationToken).ConfigureAwait(false);
        var apply = request.ValidateOnly != true;
        if (apply)
        {
            try
            {
                await store.ApplyChangeSetAsync(new ChangeSet(prepared), cancellationToken).ConfigureAwait(false);
            }
            catch (ChangeSetConflictException e)
            {
                throw ApiException.Aborted($"{e.Message} Nothing was applied; plan again.");
            }
        }

        return new ChangeSetResponse { Applied = apply, Changes = [.. prepared.Select(ChangeSetWire.ToWire)] };
    }

    private async Task<ResourceChange> PrepareAsync(ResourceChangeResource change, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var action = ChangeSetWire.Action(change.Action);
        var kind = ChangeSetWire.Kind(change, action);
        var name = change.Name ?? throw ApiException.InvalidArgument("name: required.");
        ResourceChange Change(DateTimeOffset? current) => new() { Action = action, Kind = kind, Name = name, ExpectedUpdateTime = current };
        switch (kind)
        {
            case ChangeResourceKind.Job:
                var jobName = JobName.TryParse(name, out var j) ? j : throw NotAName(name, "jobs/JOB_ID");
                var job = await jobs.GetJobAsync(jobName, cancellationToken).ConfigureAwait(false);
                Guard(change, action, job?.UserUpdateTime);
                var jobWire = change.Job;
                if (jobWire is not null)
                {
                    jobWire.Name = name;
                }

                return Change(job?.UserUpdateTime) with
                {
                    Job = action == ChangeAction.Delete ? null
                        : job is null ? jobCommands.Created(jobName, jobWire!, now) : jobCommands.Replaced(job, jobWire!, now),
                };
            case ChangeResourceKind.Pipeline:
                var pipelineName = PipelineName.TryParse(name, out var p) ? p : throw NotAName(name, "pipelines/PIPELINE_ID");
                var pipeline = await pipelines.GetPipelineAsync(pipelineName, cancellationToken).ConfigureAwait(false);
                Guard(change, action, pipeline?.UserUpdateTime);
                change.Pipeline?.Name = name;
                return Change(pipeline?.UserUpdateTime) with
                {
                    Pipeline = action == ChangeAction.Delete ? null
                        : pipeline is null ? pipelineCommands.Created(pipelineName, change.Pipeline!, now) : pipelineCommands.Replaced(pipeline, change.Pipeline!, now),
                };
            case ChangeResourceKind.Channel:
                var channelName = ChannelName.TryParse(name, out var c) ? c : throw NotAName(name, "channels/CHANNEL_ID");
                var channel = await channels.GetChannelAsync(channelName, cancellationToken).ConfigureAwait(false);
                Guard(change, action, channel?.UpdateTime);
                return Change(channel?.UpdateTime) with
                {
                    Channel = action == ChangeAction.Delete ? null
                        : channel is null ? channelCommands.Created(channelName, change.Channel!, now) : channelCommands.Replaced(channel, change.Channel!, now),
                };
            default:
                var policyName = AlertPolicyName.TryParse(name, out var a) ? a : throw NotAName(name, "alertPolicies/POLICY_ID");
                var policy = await policies.GetAlertPolicyAsync(policyName, cancellationToken).ConfigureAwait(false);
                Guard(change, action, policy?.UpdateTime);
                return Change(policy?.UpdateTime) with
                {
                    AlertPolicy = action == ChangeAction.Delete ? null
                        : policy is null ? AlertPolicyCommands.Created(policyName, change.AlertPolicy!, now) : AlertPolicyCommands.Replaced(policy, change.AlertPolicy!, now),
                };
        }
    }

    /// <summary>A create finds its name free; an update or a delete finds the resource as it was planned.</summary>
    private static void Guard(ResourceChangeResource change, ChangeAction action, DateTimeOffset? stored)
    {
        if (action == ChangeAction.Create)
        {
            if (stored is not null)
            {
                throw ApiException.Aborted("it already exists (created since the plan?); nothing was applied, plan again.");
            }

            return;
        }

        var expected = change.ExpectedUpdateTime ?? throw ApiException.InvalidArgument("expectedUpdateTime: required for UPDATE and DELETE.");
        if (stored is not { } time)
        {
            throw ApiException.Aborted("it was deleted since the plan; nothing was applied, plan again.");
        }

        if (time != expected)
        {
            throw ApiException.Aborted($"it was changed since the plan (updated {time:O}, planned against {expected:O}); nothing was applied, plan again.");
        }
    }

    /// <summary>
    /// Every channel a job, pipeline or policy of the set names must exist once the set is applied: created or kept by
    /// the set, or stored and not deleted by it.
    /// </summary>
    private async Task EnsureChannelsExistAsync(List<ResourceChange> changes, CancellationToken cancellationToken)
    {
        var written = changes.Where(c => c.Channel is not null).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        var deleted = changes.Where(c => c.Kind == ChangeResourceKind.Channel && c.Action == ChangeAction.Delete).Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < changes.Count; i++)
        {
            foreach (var (field, channel) in ChangeSetWire.ChannelReferences(changes[i]))
            {
                var exists = written.Contains(channel) || (!deleted.Contains(channel) && ChannelName.TryParse(channel, out var name)
                    && await channels.GetChannelAsync(name, cancellationToken).ConfigureAwait(false) is not null);
                if (!exists)
                {
                    throw Located(ApiException.InvalidArgument($"{field}: the channel {channel} does not exist, nor does the change set create it."), i, changes[i].Name);
                }
            }
        }
    }

    private static ApiException NotAName(string name, string form) =>
        ApiException.InvalidArgument($"name: \"{name}\" is not of the form projects/PROJECT/locations/LOCATION/{form}.");

    private static ApiException Located(ApiException e, int index, string? name) =>
        new(e.HttpCode, e.Status, $"changes[{index}] ({name ?? "no name"}): {e.Message}");
}
