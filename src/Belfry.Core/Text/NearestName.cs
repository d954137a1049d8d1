namespace Belfry.Core.Text;

/// <summary>
/// The candidate closest to a misspelt name, for "did you mean" hints (a time zone, a CLI flag). Distance is the
/// optimal string alignment distance (Levenshtein plus swapping two neighbours), compared case-insensitively, so
/// <c>asia/tokyo</c> is 0 from <c>Asia/Tokyo</c> and <c>--max-retry-attempt</c> is 1 from <c>--max-retry-attempts</c>.
/// </summary>
internal static class NearestName
{
    /// <summary>
    /// The candidate nearest to <paramref name="name"/> within <paramref name="maxDistance"/> edits, or null; on a tie
    /// the first in <paramref name="candidates"/> wins, so callers order them by preference.
    /// </summary>
    public static string? Find(string name, IEnumerable<string> candidates, int maxDistance)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(candidates);
        string? best = null;
        var bestDistance = maxDistance + 1;
        foreach (var candidate in candidates)
        {
            // The distance is at least the difference in length: skip without computing.
            if (Math.Abs(candidate.Length - name.Length) >= bestDistance)
            {
                continue;
            }

            var distance = Distance(name, candidate);
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        return best;
    }

    /// <summary>A third of the name's length, at least 1 and at most 3: a short name tolerates one typo, a long one a few.</summary>
    public static int Tolerance(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return Math.Clamp(name.Length / 3, 1, 3);
    }

    public static int Distance(string a, string b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);

        // Three rows of the dynamic-programming table: two back for a transposition, one back, this one.
        var previous2 = new int[b.Length + 1];
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = Same(a[i - 1], b[j - 1]) ? 0 : 1;
                var value = Math.Min(Math.Min(previous[j] + 1, current[j - 1] + 1), previous[j - 1] + cost);
                if (i > 1 && j > 1 && Same(a[i - 1], b[j - 2]) && Same(a[i - 2], b[j - 1]))
                {
                    value = Math.Min(value, previous2[j - 2] + 1);
                }

                current[j] = value;
            }

            (previous2, previous, current) = (previous, current, previous2);
        }

        return previous[b.Length];
    }

    private static bool Same(char a, char b) => char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
