using System.Net;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>
/// The direct login from a reseller's own website (seed 003 "Auto Connect Form for Clients"): a plain HTML
/// form the reseller pastes into its site, posting e-mail and password to <c>/c/{slug}/connect</c>. That
/// endpoint takes a cross-site POST without the portal's antiforgery token only from an Origin the
/// reseller registered (<see cref="ResellerPortal.Web.Branding.ClientBrand.WebsiteOrigins"/>).
/// </summary>
public static class ConnectForm
{
    /// <summary>The form to copy; <paramref name="portalBaseUrl"/> is the portal's address for the reseller (see <see cref="ClientPortalLinks"/>).</summary>
    public static string Html(ResellerPortal.Web.Branding.ClientBrand brand, string portalBaseUrl)
    {
        var action = WebUtility.HtmlEncode(portalBaseUrl.TrimEnd('/') + "/connect");
        return $"""
            <form method="post" action="{action}">
              <label>E-mail <input type="email" name="Email" autocomplete="username" required></label>
              <label>Password <input type="password" name="Password" autocomplete="current-password" required></label>
              <button type="submit">Connect</button>
            </form>
            """;
    }

    /// <summary>The plain link to the client login, for a button on the reseller's site.</summary>
    public static string LoginLink(string portalBaseUrl) => portalBaseUrl.TrimEnd('/') + "/login";

    /// <summary>An origin as browsers send it: scheme, host and a non-default port, lower case.</summary>
    public static string? NormalizeOrigin(string? origin)
    {
        if (!Uri.TryCreate(origin?.Trim(), UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            || uri.AbsolutePath is not ("/" or "") || !string.IsNullOrEmpty(uri.Query))
        {
            return null;
        }

        return uri.IsDefaultPort ? $"{uri.Scheme}://{uri.Host}" : $"{uri.Scheme}://{uri.Host}:{uri.Port}";
    }

    /// <summary>True when <paramref name="origin"/> (the request's Origin header) is one the reseller registered.</summary>
    public static bool IsAllowed(ResellerPortal.Web.Branding.ClientBrand brand, string? origin) =>
        NormalizeOrigin(origin) is { } normalized && brand.WebsiteOrigins.Any(o => string.Equals(NormalizeOrigin(o), normalized, StringComparison.Ordinal));
}
