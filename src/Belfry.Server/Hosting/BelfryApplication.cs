namespace Belfry.Server.Hosting;

/// <summary>Builds the ASP.NET Core application: store, dispatcher, API.</summary>
internal static class BelfryApplication
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        var app = builder.Build();
        return app;
    }
}
