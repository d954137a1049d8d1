using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Belfry.Cli.Scheduler;

/// <summary>
/// gcloud's duration flags: a sequence of number-and-unit parts (<c>10s</c>, <c>5m</c>, <c>1h30m</c>, <c>1.5s</c>,
/// <c>2d</c>, <c>250ms</c>) or a plain number of seconds (<c>300</c>). The wire wants protobuf durations (<c>"300s"</c>).
/// </summary>
internal static class DurationParser
{
    public static bool TryParse(string? text, [NotNullWhen(true)] out TimeSpan? duration)
    {
        duration = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var span = text.Trim().ToLowerInvariant().AsSpan();
        if (decimal.TryParse(span, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var plainSeconds))
        {
            return TryFromSeconds(plainSeconds, out duration);
        }

        var totalSeconds = 0m;
        while (!span.IsEmpty)
        {
            var numberLength = 0;
            while (numberLength < span.Length && (char.IsAsciiDigit(span[numberLength]) || span[numberLength] == '.'))
            {
                numberLength++;
            }

            var unitLength = 0;
            while (numberLength + unitLength < span.Length && char.IsAsciiLetter(span[numberLength + unitLength]))
            {
                unitLength++;
            }

            if (numberLength == 0 || unitLength == 0 ||
                !decimal.TryParse(span[..numberLength], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number) ||
                UnitSeconds(span.Slice(numberLength, unitLength)) is not { } unit ||
                number > MaxSeconds || totalSeconds > MaxSeconds)
            {
                return false;
            }

            totalSeconds += number * unit;
            span = span[(numberLength + unitLength)..];
        }

        return TryFromSeconds(totalSeconds, out duration);
    }

    /// <summary>The protobuf JSON form: seconds with up to nine fraction digits and an <c>s</c>, e.g. <c>"1.5s"</c>.</summary>
    public static string ToWire(TimeSpan duration)
    {
        var seconds = (decimal)duration.Ticks / TimeSpan.TicksPerSecond;
        return seconds.ToString("0.#########", CultureInfo.InvariantCulture) + "s";
    }

    // Protobuf's largest duration (10,000 years); checked per part too, so that no sum or product overflows decimal.
    private const decimal MaxSeconds = 315_576_000_000m;

    private static decimal? UnitSeconds(ReadOnlySpan<char> unit) => unit switch
    {
        "d" => 86_400m,
        "h" => 3_600m,
        "m" => 60m,
        "s" => 1m,
        "ms" => 0.001m,
        "us" => 0.000_001m,
        _ => null,
    };

    private static bool TryFromSeconds(decimal seconds, [NotNullWhen(true)] out TimeSpan? duration)
    {
        duration = null;

        // Far beyond any flag's range (attempt deadlines stop at 30 minutes); keeps the arithmetic in range.
        if (seconds < 0 || seconds > MaxSeconds)
        {
            return false;
        }

        duration = TimeSpan.FromTicks((long)decimal.Round(seconds * TimeSpan.TicksPerSecond));
        return true;
    }
}
