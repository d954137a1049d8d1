using System.Net;
using System.Text.Json;

namespace Belfry.AspNetCore.Tests.Infrastructure;

/// <summary>A batch endpoint's answer: status code, raw body, and the body's fields.</summary>
public sealed record BatchReply(HttpStatusCode StatusCode, string Body, string? ContentType)
{
    public string? Status => Field("status");

    public string? RunKey => Field("runKey");

    public string? Error => Field("error");

    public string? Reason => Field("reason");

    public string? WaitingFor => Field("waitingFor");

    public long? Rows
    {
        get
        {
            using var document = JsonDocument.Parse(Body);
            return document.RootElement.TryGetProperty("rows", out var rows) ? rows.GetInt64() : null;
        }
    }

    private string? Field(string name)
    {
        using var document = JsonDocument.Parse(Body);
        return document.RootElement.TryGetProperty(name, out var value) ? value.GetString() : null;
    }
}
