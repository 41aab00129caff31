using System.Net.Http.Headers;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Branding;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Branding;

/// <summary>A file for the branding form: its name as the browser sends it, and its bytes.</summary>
public sealed record Upload(string Field, string FileName, byte[] Bytes, string ContentType = "image/png");

/// <summary>Posts the branding form as a browser does (multipart, with the page's antiforgery token).</summary>
public abstract class BrandingTest(PostgresFixture postgres) : PortalTest(postgres)
{
    protected static byte[] Png(byte shade = 0x20) => DemoPng.Circle(16, (shade, 0x40, 0x60), (0xff, 0xcc, 0x00));

    /// <summary>A complete, valid form with the default colours; tests change what they need.</summary>
    protected static Dictionary<string, string> ValidFields(string title = "Test Portal")
    {
        var fields = new Dictionary<string, string>(StringComparer.Ordinal) { ["Title"] = title, ["ShowForgotPassword"] = "true", ["SignupEnabled"] = "false" };
        foreach (var slot in BrandColours.Slots)
        {
            fields[$"Colours[{slot.Name}]"] = slot.Default;
        }

        return fields;
    }

    protected static async Task<HttpResponseMessage> PostBrandingAsync(
        Browser browser, IDictionary<string, string> fields, IEnumerable<Upload>? uploads = null, string url = "/branding", IEnumerable<KeyValuePair<string, string>>? lists = null)
    {
        var (response, page) = await browser.GetPageAsync("/branding");
        var token = page.QuerySelector("form[data-branding-form] input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException($"The branding page has no antiforgery token: {(int)response.StatusCode} {page.Body?.TextContent[..Math.Min(2000, page.Body.TextContent.Length)]}");
        using var content = new MultipartFormDataContent();
        foreach (var (name, value) in fields)
        {
            content.Add(new StringContent(value), name);
        }

        foreach (var (name, value) in lists ?? [])
        {
            content.Add(new StringContent(value), name);
        }

        content.Add(new StringContent(token), "__RequestVerificationToken");
        foreach (var upload in uploads ?? [])
        {
            var file = new ByteArrayContent(upload.Bytes);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(upload.ContentType);
            content.Add(file, upload.Field, upload.FileName);
        }

        return await browser.Client.PostAsync(new Uri(url, UriKind.Relative), content);
    }

    protected Task<BrandSettings?> SettingsAsync(Guid resellerId) =>
        AsPlatformAsync(db => db.BrandSettings.AsNoTracking().SingleOrDefaultAsync(b => b.ResellerId == resellerId));
}
