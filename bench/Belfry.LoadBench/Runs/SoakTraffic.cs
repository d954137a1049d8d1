namespace Belfry.LoadBench.Runs;

/// <summary>
/// The soak's user traffic on the churn jobs, one call a second: pause or resume (whichever the job is not), point it
/// at another target, or delete it and create a new one in its place. Seeded, so two soaks make the same calls.
/// </summary>
internal sealed class SoakTraffic(SoakApi api, SoakChildResult result)
{
    private readonly Random _random = new(14);
    private readonly List<string> _jobs = [];
    private readonly HashSet<string> _paused = [];
    private int _created;

    public async Task CreateAsync()
    {
        for (var i = 0; i < SoakKind.Churn.Count; i++)
        {
            await CreateOneAsync();
        }
    }

    public async Task RunAsync(DateTimeOffset until)
    {
        while (DateTimeOffset.UtcNow < until)
        {
            await StepAsync();
            await Task.Delay(TimeSpan.FromSeconds(1));
        }
    }

    /// <summary>Pauses the churn jobs not paused yet, at the end of the load.</summary>
    public async Task PauseAllAsync()
    {
        foreach (var job in _jobs.Where(j => !_paused.Contains(j)))
        {
            await api.ActAsync(job, "pause");
        }
    }

    private async Task StepAsync()
    {
        var job = _jobs[_random.Next(_jobs.Count)];
        var roll = _random.Next(100);
        try
        {
            if (roll < 40)
            {
                var verb = _paused.Remove(job) ? "resume" : "pause";
                await api.ActAsync(job, verb);
                if (verb == "pause")
                {
                    _paused.Add(job);
                }

                Count(verb);
            }
            else if (roll < 80)
            {
                var target = SoakKind.ChurnTargets[_random.Next(SoakKind.ChurnTargets.Count)];
                await api.UpdateTargetAsync(SoakKind.Churn, job, target, result.Traffic.GetValueOrDefault("update") + 1);
                Count("update");
            }
            else
            {
                await api.DeleteJobAsync(job);
                _jobs.Remove(job);
                _paused.Remove(job);
                Count("delete");
                await CreateOneAsync();
            }
        }
        catch (InvalidOperationException e)
        {
            result.TrafficErrors.Add(e.Message);
        }
    }

    private async Task CreateOneAsync()
    {
        var job = SoakKind.Churn.JobId(_created++);
        await api.CreateJobAsync(SoakKind.Churn, job, SoakKind.ChurnTargets[_created % SoakKind.ChurnTargets.Count]);
        _jobs.Add(job);
        Count("create");
    }

    private void Count(string operation) => result.Traffic[operation] = result.Traffic.GetValueOrDefault(operation) + 1;
}
