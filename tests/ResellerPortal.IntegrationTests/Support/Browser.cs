using System.Net;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>
/// An HTTP client that behaves like a browser: keeps cookies, does not follow redirects on its own,
/// and submits forms with the antiforgery token of the page they came from.
/// </summary>
public sealed class Browser : IDisposable
{
    private static readonly HtmlParser Parser = new();

    public Browser(PortalFactory portal, CookieContainer? cookies = null)
    {
        Cookies = cookies ?? new CookieContainer();
        var handler = new CookieContainerHandler(Cookies);
        Client = portal.CreateDefaultClient(new Uri("http://localhost"), handler);
    }

    public CookieContainer Cookies { get; }

    public HttpClient Client { get; }

    public async Task<HttpResponseMessage> GetAsync(string url) => await Client.GetAsync(new Uri(url, UriKind.Relative));

    public async Task<(HttpResponseMessage Response, IHtmlDocument Page)> GetPageAsync(string url)
    {
        var response = await GetAsync(url);
        return (response, Parser.ParseDocument(await response.Content.ReadAsStringAsync()));
    }

    public static IHtmlDocument Parse(string html) => Parser.ParseDocument(html);

    /// <summary>The fields a browser would post from <paramref name="form"/> as rendered.</summary>
    public static IEnumerable<KeyValuePair<string, string>> FormFields(AngleSharp.Dom.IElement form)
    {
        foreach (var input in form.QuerySelectorAll("input[name], select[name], textarea[name]"))
        {
            var name = input.GetAttribute("name")!;
            switch (input)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } box:
                    if (box.IsChecked)
                    {
                        yield return new(name, box.Value);
                    }

                    break;
                case IHtmlInputElement text:
                    yield return new(name, text.Value);
                    break;
                case IHtmlSelectElement select:
                    yield return new(name, select.Value ?? string.Empty);
                    break;
                case IHtmlTextAreaElement area:
                    yield return new(name, area.Value);
                    break;
            }
        }
    }

    /// <summary>Loads <paramref name="pageUrl"/>, takes the token of its form and posts <paramref name="fields"/> to <paramref name="postUrl"/>.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string pageUrl, IEnumerable<KeyValuePair<string, string>> fields, string? postUrl = null)
    {
        var (_, page) = await GetPageAsync(pageUrl);
        var token = page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"{pageUrl} has no antiforgery token.");
        return await PostAsync(postUrl ?? pageUrl, fields, token);
    }

    public async Task<HttpResponseMessage> PostAsync(string url, IEnumerable<KeyValuePair<string, string>> fields, string? token)
    {
        var all = fields.ToList();
        if (token is not null)
        {
            all.Add(new("__RequestVerificationToken", token));
        }

        using var content = new FormUrlEncodedContent(all);
        return await Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    public async Task<HttpResponseMessage> LoginAsync(string email, string password = DemoSeeder.DefaultPassword)
    {
        var response = await SubmitAsync("/account/login", [new("Email", email), new("Password", password)]);
        return response;
    }

    public void Dispose() => Client.Dispose();
}

/// <summary>Keeps cookies across requests of the in-process test server.</summary>
public sealed class CookieContainerHandler(CookieContainer cookies) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var header = cookies.GetCookieHeader(uri);
        if (!string.IsNullOrEmpty(header))
        {
            request.Headers.Add("Cookie", header);
        }

        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies)
            {
                cookies.SetCookies(uri, setCookie);
            }
        }

        return response;
    }
}
