using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// TempData travels in a cookie, and the browser sends every cookie back with every request: a flash or a
/// re-shown input holding a user's 200,000-character note would make each later request too large to
/// be answered (431). Every value is cut to a bounded length here, the one place all flashes and
/// re-shown inputs pass through, before the cookie is written.
/// </summary>
public sealed class BoundedTempDataProvider(ITempDataProvider inner) : ITempDataProvider
{
    /// <summary>Longest text kept per value; a flash is a sentence, a re-shown note a few paragraphs.</summary>
    public const int MaxValueLength = 2_000;

    /// <summary>Most values kept per response.</summary>
    public const int MaxValues = 8;

    public IDictionary<string, object> LoadTempData(HttpContext context) => inner.LoadTempData(context);

    public void SaveTempData(HttpContext context, IDictionary<string, object> values)
    {
        var bounded = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in values.Take(MaxValues))
        {
            bounded[key] = value is string { Length: > MaxValueLength } text ? string.Concat(text.AsSpan(0, MaxValueLength), "…") : value;
        }

        inner.SaveTempData(context, bounded);
    }

    public static IServiceCollection AddBoundedTempData(IServiceCollection services) =>
        services.AddSingleton<ITempDataProvider>(sp => new BoundedTempDataProvider(ActivatorUtilities.CreateInstance<CookieTempDataProvider>(sp)));
}
