using System.ComponentModel.DataAnnotations;

namespace Belfry.Server.Telemetry;

/// <summary>How the server writes its log (section <c>Belfry:Logging</c>; <c>belfry serve --log-format</c>).</summary>
internal sealed class LoggingOptions
{
    public const string SectionName = "Belfry:Logging";

    public const string Text = "text";

    public const string Json = "json";

    /// <summary>
    /// <c>text</c> (default): the console's usual lines. <c>json</c>: one JSON object per line for a log shipper
    /// (<see cref="JsonLogFormatter"/>).
    /// </summary>
    [AllowedValues(Text, Json)]
    public string Format { get; set; } = Text;

    /// <summary>Console logging in the chosen format; the options are validated at start-up, so a bad value is refused.</summary>
    public static void Configure(ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(logging);
        ArgumentNullException.ThrowIfNull(configuration);
        logging.Services.AddOptions<LoggingOptions>().Bind(configuration.GetSection(SectionName)).ValidateDataAnnotations().ValidateOnStart();
        if (string.Equals(configuration[$"{SectionName}:{nameof(Format)}"], Json, StringComparison.Ordinal))
        {
            logging.AddConsole(console => console.FormatterName = JsonLogFormatter.FormatterName);
            logging.AddConsoleFormatter<JsonLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        }
    }
}
