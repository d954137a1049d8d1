using System.Globalization;

namespace Belfry.Server.Api;

/// <summary>Protobuf JSON durations: seconds with up to nine decimals and an <c>s</c> suffix (<c>"3.5s"</c>).</summary>
internal static class DurationFormat
{
    public static TimeSpan Parse(string field, string text)
    {
        if (text.Length < 2 || text[^1] != 's' ||
            !decimal.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) ||
            seconds > 315_576_000_000m)
        {
            throw ApiException.InvalidArgument($"{field}: invalid duration \"{text}\"; expected seconds with an 's' suffix, such as \"10s\" or \"1.5s\".");
        }

        return TimeSpan.FromTicks((long)(seconds * TimeSpan.TicksPerSecond));
    }

    /// <summary>A limit for a message: <c>1h (3600s)</c>, <c>7 days (604800s)</c>.</summary>
    public static string Describe(TimeSpan limit) => limit switch
    {
        { TotalDays: >= 1 } when limit.Ticks % TimeSpan.TicksPerDay == 0 => $"{limit.TotalDays:0} days ({Format(limit)})",
        { TotalHours: >= 1 } when limit.Ticks % TimeSpan.TicksPerHour == 0 => $"{limit.TotalHours:0}h ({Format(limit)})",
        _ => Format(limit),
    };

    public static string Format(TimeSpan value)
    {
        var seconds = (decimal)value.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }
}
