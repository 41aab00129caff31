using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Tests.Shared;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>One controller action as the running portal routes it: method, template and parameters.</summary>
public sealed record PortalRoute(string Method, string Template, ControllerActionDescriptor Action)
{
    public IReadOnlyList<string> RouteParameters { get; } =
        Regex.Matches(Template, @"\{([^}:?=]+)").Select(m => m.Groups[1].Value).ToList();

    /// <summary>The template with its parameters replaced by <paramref name="valueOf"/>.</summary>
    public string Url(Func<string, string> valueOf) =>
        "/" + Regex.Replace(Template, @"\{([^}:?=]+)[^}]*\}", m => valueOf(m.Groups[1].Value)).TrimStart('/');

    /// <summary>The template's shape with parameter names and constraints dropped, to match concrete URLs.</summary>
    public string Shape => Shape_(Template);

    public static string Shape_(string template) => "/" + Regex.Replace(template, @"\{[^}]+\}", "{}").TrimStart('/');

    /// <summary>The shape of a concrete URL: every GUID becomes a parameter.</summary>
    public static string ShapeOfUrl(string url) =>
        Regex.Replace(url.Split('?')[0], "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}", "{}");

    public override string ToString() => $"{Method} {Template}";

    /// <summary>Every routed controller action of the portal, read from its endpoint data source.</summary>
    public static IReadOnlyList<PortalRoute> All(PortalFactory portal) =>
        portal.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Select(e => (Endpoint: e, Action: e.Metadata.GetMetadata<ControllerActionDescriptor>(), Methods: e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods))
            .Where(e => e.Action is not null && e.Endpoint.RoutePattern.RawText is not null)
            .SelectMany(e => (e.Methods is { Count: > 0 } methods ? methods : ["GET"]).Select(m => new PortalRoute(m, e.Endpoint.RoutePattern.RawText!, e.Action!)))
            .ToList();
}
