using ResellerPortal.Domain;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Branding;

namespace ResellerPortal.Web.DemoData;

public sealed partial class DemoSeeder
{
    /// <summary>Alpha Telecom's own brand (its colours, a logo, a welcome text); Beta Voice keeps the defaults.</summary>
    private async Task SeedBrandingAsync(Reseller alpha, DateTimeOffset now, CancellationToken ct)
    {
        var settings = new BrandSettings(alpha.Id, "Alpha Telecom Customer Portal", now);
        var colours = new Dictionary<string, string>(BrandColours.Defaults, StringComparer.Ordinal)
        {
            ["Background"] = "#f3f7fb",
            ["Text"] = "#1d2a38",
            ["Link"] = "#0b6e99",
            ["Navigation"] = "#0b3d5c",
            ["NavigationText"] = "#ffffff",
            ["PrimaryButton"] = "#0b6e99",
            ["SuccessButton"] = "#2e8b57",
            ["ExitButton"] = "#5a6b7b",
            ["DeleteButton"] = "#c0392b",
            ["PanelHeader"] = "#dcebf5",
        };
        settings.Change(
            new BrandChange(
                settings.Title,
                colours,
                WelcomeText.Sanitize("<h2>Welcome to Alpha Telecom</h2><p>Here you see your <strong>balance</strong>, your transactions and your phone numbers.</p><p>Questions? Write to <a href=\"mailto:support@alpha-telecom.example\">support@alpha-telecom.example</a>.</p>"),
                ShowForgotPassword: true,
                SignupEnabled: true,
                SignupFields.Defaults,
                [.. ClientElements.All.Select(e => e.Key)],
                ["https://www.alpha-telecom.example"]),
            now);
        settings.SetSender("Alpha Telecom", "support@alpha-telecom.example", now);
        var logo = new BrandImage(alpha.Id, BrandImageSlot.HeaderLogo, BrandImageType.Png, DemoPng.Circle(48, (0x0b, 0x3d, 0x5c), (0xf5, 0xa6, 0x23)), now);
        var loginLogo = new BrandImage(alpha.Id, BrandImageSlot.LoginLogo, BrandImageType.Png, DemoPng.Circle(96, (0xff, 0xff, 0xff), (0x0b, 0x6e, 0x99)), now);
        settings.SetImage(BrandImageSlot.HeaderLogo, logo.Version, now);
        settings.SetImage(BrandImageSlot.LoginLogo, loginLogo.Version, now);
        db.BrandSettings.Add(settings);
        db.BrandImages.AddRange(logo, loginLogo);
        await db.SaveChangesAsync(ct);
    }
}
