using System.Globalization;
using System.Text;

namespace Belfry.Server.Notifications;

/// <summary>Durations as people write them in messages: <c>30m</c>, <c>1h30m</c>, <c>45s</c>, <c>1.5s</c>, <c>2d</c>.</summary>
internal static class HumanDuration
{
    public static string Format(TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            return "0s";
        }

        var text = new StringBuilder();
        if (value.Days > 0)
        {
            text.Append(value.Days.ToString(CultureInfo.InvariantCulture)).Append('d');
        }

        if (value.Hours > 0)
        {
            text.Append(value.Hours.ToString(CultureInfo.InvariantCulture)).Append('h');
        }

        if (value.Minutes > 0)
        {
            text.Append(value.Minutes.ToString(CultureInfo.InvariantCulture)).Append('m');
        }

        var seconds = value.Seconds + (value.Ticks % TimeSpan.TicksPerSecond / (double)TimeSpan.TicksPerSecond);
        if (seconds > 0 || text.Length == 0)
        {
            text.Append(seconds.ToString("0.###", CultureInfo.InvariantCulture)).Append('s');
        }

        return text.ToString();
    }
}
