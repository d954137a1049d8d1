using Belfry.Storage.Postgres;
using Microsoft.Extensions.Options;

namespace Belfry.Server.Hosting;

/// <summary>Refuses a <c>Belfry:Store</c> that is neither an Npgsql connection string nor a postgres:// URL, naming the part at fault, never the password.</summary>
internal sealed class StoreOptionValidator : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (string.IsNullOrWhiteSpace(options.Store))
        {
            return ValidateOptionsResult.Success;
        }

        try
        {
            PostgresConnectionString.Parse(options.Store);
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail($"Belfry:Store (--store, BELFRY_STORE): {e.Message}");
        }
    }
}
