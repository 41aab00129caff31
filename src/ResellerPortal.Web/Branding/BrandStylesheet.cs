using System.Security.Cryptography;
using System.Text;
using ResellerPortal.Domain.Branding;

namespace ResellerPortal.Web.Branding;

/// <summary>
/// The one stylesheet of a reseller's client portal (§7): its colours as CSS custom properties and the rules
/// that apply them to the portal's elements (Bootstrap's buttons, cards and navigation bar). Only colours that
/// pass <see cref="BrandColours.IsColour"/> are written, so no input can add a rule, a URL or a comment; the
/// page links it as a file, which keeps the Content-Security-Policy free of inline styles.
/// <para>Classes for the client portal's pages: <c>body.brand</c>, <c>.brand-navigation</c>, <c>.btn-primary</c>,
/// <c>.btn-success</c>, <c>.btn-exit</c> (or <c>.btn-secondary</c>), <c>.btn-danger</c>, <c>.card</c>,
/// <c>img.brand-login-background</c>, <c>img.brand-login-logo</c>, <c>img.brand-header-logo</c>, <c>img.brand-content-logo</c>.</para>
/// </summary>
public static class BrandStylesheet
{
    private const string Rules = """
        body.brand { background-color: var(--brand-background); color: var(--brand-text); }
        .brand a:not(.btn):not(.nav-link):not(.navbar-brand) { color: var(--brand-link); }
        .brand .brand-navigation { background-color: var(--brand-navigation); color: var(--brand-navigation-text); }
        .brand .brand-navigation .navbar-brand, .brand .brand-navigation .nav-link, .brand .brand-navigation .navbar-text, .brand .brand-navigation a { color: var(--brand-navigation-text); }
        .brand .btn-primary { --bs-btn-bg: var(--brand-primary); --bs-btn-border-color: var(--brand-primary); --bs-btn-color: var(--brand-primary-text); --bs-btn-hover-bg: var(--brand-primary); --bs-btn-hover-border-color: var(--brand-primary); --bs-btn-hover-color: var(--brand-primary-text); --bs-btn-active-bg: var(--brand-primary); --bs-btn-active-color: var(--brand-primary-text); }
        .brand .btn-success { --bs-btn-bg: var(--brand-success); --bs-btn-border-color: var(--brand-success); --bs-btn-color: var(--brand-success-text); --bs-btn-hover-bg: var(--brand-success); --bs-btn-hover-border-color: var(--brand-success); --bs-btn-hover-color: var(--brand-success-text); --bs-btn-active-bg: var(--brand-success); --bs-btn-active-color: var(--brand-success-text); }
        .brand .btn-exit, .brand .btn-secondary { --bs-btn-bg: var(--brand-exit); --bs-btn-border-color: var(--brand-exit); --bs-btn-color: var(--brand-exit-text); --bs-btn-hover-bg: var(--brand-exit); --bs-btn-hover-border-color: var(--brand-exit); --bs-btn-hover-color: var(--brand-exit-text); --bs-btn-active-bg: var(--brand-exit); --bs-btn-active-color: var(--brand-exit-text); }
        .brand .btn-danger { --bs-btn-bg: var(--brand-delete); --bs-btn-border-color: var(--brand-delete); --bs-btn-color: var(--brand-delete-text); --bs-btn-hover-bg: var(--brand-delete); --bs-btn-hover-border-color: var(--brand-delete); --bs-btn-hover-color: var(--brand-delete-text); --bs-btn-active-bg: var(--brand-delete); --bs-btn-active-color: var(--brand-delete-text); }
        .brand .btn:hover { filter: brightness(0.92); }
        .brand .card { --bs-card-bg: var(--brand-panel); --bs-card-color: var(--brand-panel-text); --bs-card-cap-bg: var(--brand-panel-header); --bs-card-cap-color: var(--brand-panel-text); color: var(--brand-panel-text); }
        img.brand-login-background { position: fixed; inset: 0; width: 100%; height: 100%; object-fit: cover; z-index: -1; }
        img.brand-login-logo { max-width: 100%; max-height: 6rem; }
        img.brand-header-logo { max-height: 2.5rem; max-width: 12rem; }
        img.brand-content-logo { max-height: 4rem; max-width: 100%; }
        """;

    /// <summary>The stylesheet of these colours; a colour that is not one is replaced by its default.</summary>
    public static string Render(IReadOnlyDictionary<string, string> colours)
    {
        var css = new StringBuilder(":root {\n");
        foreach (var slot in BrandColours.Slots)
        {
            var value = colours.GetValueOrDefault(slot.Name);
            css.Append("  ").Append(slot.CssProperty).Append(": ").Append(BrandColours.IsColour(value) ? value : slot.Default).Append(";\n");
        }

        return css.Append("}\n").Append(Rules).Append('\n').ToString();
    }

    /// <summary>The stylesheet's version: a hash of its text, so new colours (or new rules) get a new URL.</summary>
    public static string Version(string css) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(css)))[..16];

    public static string Url(Guid resellerId, string version) => $"/brand/{resellerId}/{version}.css";

    public static string ImageUrl(Guid resellerId, BrandImageSlot slot, string version) => $"/brand/{resellerId}/images/{slot}/{version}";
}
