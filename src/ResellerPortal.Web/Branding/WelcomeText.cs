using Ganss.Xss;

namespace ResellerPortal.Web.Branding;

/// <summary>
/// The reseller's welcome text (rich text, §7) made safe to show: HtmlSanitizer keeps formatting, links and
/// images and drops script, event handlers, <c>javascript:</c> URLs, forms and style attributes (the client
/// portal's CSP allows no inline style, so they would only be refused there). Run when the text is saved
/// and again whenever it is shown, so a row written by other means is still safe.
/// </summary>
public static class WelcomeText
{
    // Sanitize is safe to call from several threads once the sanitizer is configured.
    private static readonly HtmlSanitizer Sanitizer = Create();

    public static string Sanitize(string? html) =>
        string.IsNullOrWhiteSpace(html) ? string.Empty : Sanitizer.Sanitize(html).Trim();

    private static HtmlSanitizer Create()
    {
        var sanitizer = new HtmlSanitizer();
        foreach (var tag in new[] { "form", "input", "button", "select", "option", "optgroup", "textarea", "label", "fieldset", "legend", "style" })
        {
            sanitizer.AllowedTags.Remove(tag);
        }

        sanitizer.AllowedAttributes.Remove("style");
        sanitizer.AllowedSchemes.Clear();
        sanitizer.AllowedSchemes.Add("https");
        sanitizer.AllowedSchemes.Add("mailto");
        sanitizer.AllowedSchemes.Add("tel");
        return sanitizer;
    }
}
