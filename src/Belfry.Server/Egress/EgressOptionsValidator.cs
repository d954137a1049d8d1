using Microsoft.Extensions.Options;

namespace Belfry.Server.Egress;

/// <summary>Refuses start-up on an entry that is neither an address, a CIDR range nor a host name, and names it.</summary>
internal sealed class EgressOptionsValidator : IValidateOptions<EgressOptions>
{
    public ValidateOptionsResult Validate(string? name, EgressOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        Check(options.Allow, "Allow", failures);
        Check(options.Deny, "Deny", failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void Check(IList<string> entries, string list, List<string> failures)
    {
        for (var i = 0; i < entries.Count; i++)
        {
            if (!EgressEntry.TryParse(entries[i], out _, out var error))
            {
                failures.Add($"{EgressOptions.SectionName}:{list}:{i}: {error}");
            }
        }
    }
}
