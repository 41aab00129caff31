namespace ResellerPortal.Simulators.StatusFeed;

public sealed record StatusFeedControl(string? Indicator, string? Description, StatusFeedBehaviour? Behaviour);

public static class StatusFeedEndpoints
{
    public const string FeedPath = "/api/v2/status.json";
    public const string PagePath = "/status";

    private static readonly HashSet<string> Indicators = ["none", "minor", "major", "critical"];

    public static void MapStatusFeed(this WebApplication app)
    {
        app.MapGet(FeedPath, (StatusFeedSimulator feed) =>
        {
            var (indicator, description, behaviour) = feed.Read();
            return behaviour switch
            {
                StatusFeedBehaviour.Error500 => Results.StatusCode(StatusCodes.Status500InternalServerError),
                StatusFeedBehaviour.Garbage => Results.Content("<html><body>Bad gateway</body></html>", "text/html"),
                StatusFeedBehaviour.Normal => Results.Json(new
                {
                    page = new { id = "simulated", name = "Simulated provider", url = PagePath },
                    status = new { indicator, description },
                }),
                _ => Results.StatusCode(StatusCodes.Status500InternalServerError),
            };
        });
        app.MapGet(PagePath, (StatusFeedSimulator feed) =>
        {
            var (_, description, _) = feed.Current;
            return Results.Content($"<!DOCTYPE html><html><head><title>System status</title></head><body><h1>System status</h1><p>{System.Net.WebUtility.HtmlEncode(description)}</p></body></html>", "text/html");
        });
        app.MapPost("/control/status", (StatusFeedControl control, StatusFeedSimulator feed) =>
        {
            var indicator = control.Indicator ?? "none";
            if (!Indicators.Contains(indicator))
            {
                return Results.BadRequest(new { error = "indicator is none, minor, major or critical" });
            }

            feed.Set(indicator, control.Description, control.Behaviour ?? StatusFeedBehaviour.Normal);
            return Results.NoContent();
        });
        app.MapGet("/control/status", (StatusFeedSimulator feed) =>
        {
            var (indicator, description, behaviour) = feed.Current;
            return Results.Json(new { indicator, description, behaviour, calls = feed.Calls });
        });
    }
}
