using System.Net;
using System.Reflection;
using System.Text;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>
/// Posts malformed variants of every form and query parameter of every routed action (found from the
/// portal's endpoints and the actions' parameters, so a new form is covered without touching this test):
/// control characters, NUL, huge strings, invalid numbers and dates, arrays for scalars, wrong content
/// types. No answer may be a 500, and every answer must arrive whole (issue 16, finding 7).
/// </summary>
public sealed class MalformedInputFuzzTests(PostgresFixture postgres) : PortalTest(postgres)
{
    /// <summary>Every field of a request set to the same malformed value: bounded, one request per variant.</summary>
    private static readonly (string Name, Func<string, IEnumerable<string>> Values)[] Variants =
    [
        ("control characters", _ => ["a\u0001b\u001b[0m"]),
        ("NUL", _ => ["\0"]),
        ("huge string", _ => [new string('x', 100_000)]),
        ("unicode", _ => ["Ünïcødé ☎ 𝄞 \u202e"]),
        ("invalid number", _ => ["1e999"]),
        ("minus zero", _ => ["-0"]),
        ("NaN", _ => ["NaN"]),
        ("overflow", _ => ["99999999999999999999999999999999"]),
        ("invalid date", _ => ["2026-13-45"]),
        ("not a boolean", _ => ["maybe"]),
        ("array for scalar", _ => ["1", "x"]),
        ("empty", _ => [""]),
        ("guid of nothing", _ => [Guid.NewGuid().ToString()]),
    ];

    private static readonly string[] Skipped = ["account/logout"];

    [Fact]
    public async Task No_malformed_form_or_query_string_makes_a_500_or_a_cut_answer()
    {
        var samples = await AsPlatformAsync(SampleRecords.OfAlphaAsync);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var tokens = new Dictionary<Browser, string> { [owner] = await TokenAsync(owner, "/clients"), [admin] = await TokenAsync(admin, "/admin/resellers") };

        // Deletions last, so the records they remove are still there for the other forms.
        var routes = PortalRoute.All(Portal)
            .Where(r => !Skipped.Any(s => r.Template.Contains(s, StringComparison.Ordinal)))
            .OrderBy(r => r.Method == "POST").ThenBy(r => r.Template.Contains("delete", StringComparison.Ordinal)).ThenBy(r => r.Template)
            .ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found");
        var failures = new List<string>();
        var requests = 0;
        foreach (var route in routes)
        {
            var browser = route.Template.TrimStart('/').StartsWith("admin", StringComparison.Ordinal) ? admin : owner;
            var url = route.Url(p => route.Template.Contains("{" + p + ":guid", StringComparison.Ordinal)
                ? samples.GetValueOrDefault(SampleRecords.KindOf(route.Template, p), Guid.NewGuid()).ToString()
                : p == "entityType" ? "Client" : p == "code" ? "404" : "x");
            var fields = FieldsOf(route);
            foreach (var (name, values) in Variants)
            {
                var pairs = fields.SelectMany(f => values(f).Select(v => new KeyValuePair<string, string>(f, v))).ToList();
                HttpRequestMessage request;
                if (route.Method == "GET")
                {
                    if (fields.Count == 0)
                    {
                        break;
                    }

                    var query = string.Join("&", pairs.Select(p => Uri.EscapeDataString(p.Key) + "=" + Uri.EscapeDataString(p.Value)));
                    request = new HttpRequestMessage(HttpMethod.Get, new Uri(url + "?" + query, UriKind.Relative));
                }
                else
                {
                    request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative))
                    {
                        Content = new FormUrlEncodedContent(pairs.Append(new("__RequestVerificationToken", tokens[browser]))),
                    };
                }

                requests++;
                await SendAsync(browser, request, $"{route} [{name}]", failures);
            }

            if (route.Method == "POST")
            {
                // Wrong content types: a JSON body and a plain-text body where a form is expected.
                foreach (var (type, body) in new[] { ("application/json", "{\"Id\":1,\"Name\":[null]}"), ("text/plain", "\0garbage\u0001") })
                {
                    var request = new HttpRequestMessage(HttpMethod.Post, new Uri(url, UriKind.Relative)) { Content = new StringContent(body, Encoding.UTF8, type) };
                    request.Headers.Add("X-CSRF-TOKEN", tokens[browser]);
                    requests++;
                    await SendAsync(browser, request, $"{route} [{type}]", failures);
                }
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {requests} requests failed:\n" + string.Join("\n", failures));
    }

    private static async Task SendAsync(Browser browser, HttpRequestMessage request, string what, List<string> failures)
    {
        try
        {
            using var response = await browser.Client.SendAsync(request);
            var body = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode == HttpStatusCode.InternalServerError)
            {
                failures.Add($"{what}: 500");
            }
            else if (response.Content.Headers.ContentLength is { } length && length != body.Length)
            {
                failures.Add($"{what}: {body.Length} of {length} bytes");
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException)
        {
            failures.Add($"{what}: cut off ({e.GetType().Name}: {e.Message})");
        }
        finally
        {
            request.Dispose();
        }
    }

    /// <summary>The names the action binds from a form or query string: its simple parameters and the properties of its models.</summary>
    private static List<string> FieldsOf(PortalRoute route)
    {
        var fields = new List<string>();
        foreach (var parameter in route.Action.Parameters)
        {
            var source = parameter.BindingInfo?.BindingSource;
            if (parameter.ParameterType == typeof(CancellationToken) || source == BindingSource.Services || source == BindingSource.Path
                || route.RouteParameters.Contains(parameter.Name, StringComparer.OrdinalIgnoreCase))
            {
                continue;
            }

            var type = Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType;
            if (IsSimple(type))
            {
                fields.Add(parameter.Name);
                continue;
            }

            var prefix = parameter.BindingInfo?.BinderModelName is { Length: > 0 } p ? p + "." : string.Empty;
            fields.AddRange(type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(property => property.CanWrite && property.SetMethod!.IsPublic && property.GetCustomAttribute<BindNeverAttribute>() is null)
                .Where(property => IsSimple(Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType) || IsList(property.PropertyType))
                .Select(property => prefix + property.Name));
        }

        return fields;
    }

    private static bool IsSimple(Type type) =>
        type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(decimal) || type == typeof(Guid)
        || type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset) || type == typeof(TimeOnly);

    private static bool IsList(Type type) =>
        type != typeof(string) && type.IsGenericType && type.GetGenericArguments() is [var element] && IsSimple(element)
        && typeof(System.Collections.IEnumerable).IsAssignableFrom(type);

    private static async Task<string> TokenAsync(Browser browser, string url)
    {
        var (_, page) = await browser.GetPageAsync(url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{url} has no antiforgery token.");
    }
}
