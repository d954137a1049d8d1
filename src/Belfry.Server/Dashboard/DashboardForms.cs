namespace Belfry.Server.Dashboard;

/// <summary>How a page decides which of its action forms to render.</summary>
internal static class DashboardForms
{
    /// <summary>
    /// Whether to render the form named <paramref name="form"/>: when <paramref name="condition"/> holds, or when this very
    /// request posts it. A post is dispatched to a form the page renders, so one made from a page rendered before the state
    /// changed must find its form again; its command then decides.
    /// </summary>
    public static bool Shows(HttpContext context, string form, bool condition)
    {
        ArgumentNullException.ThrowIfNull(context);
        return condition || (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType &&
            context.Request.Form["_handler"] == form);
    }
}
