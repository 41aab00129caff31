using System.Net;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain.Branding;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Branding;

/// <summary>The branding page (issue 12, item 1): what it accepts, what it refuses, and what reaches the client portal.</summary>
public sealed class BrandingPageTests(PostgresFixture postgres) : BrandingTest(postgres)
{
    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Branding:MaxImageBytes"] = "4096" };

    [Theory]
    [InlineData("red;}body{x")]
    [InlineData("#12345g")]
    [InlineData("url(javascript:alert(1))")]
    [InlineData("red")]
    [InlineData("#fff;background:url(https://evil.example/x)")]
    [InlineData("#1234")]
    [InlineData("")]
    public async Task A_colour_field_refuses_anything_that_is_not_a_colour_and_shows_what_was_typed(string typed)
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var fields = ValidFields("Refused Portal");
        fields["Colours[Navigation]"] = typed;

        var response = await PostBrandingAsync(owner, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(BrandColours.NotAColour, page.QuerySelector("[data-valmsg-for='Colours[Navigation]']")?.TextContent);
        Assert.Equal(typed, page.QuerySelector("input[name='Colours[Navigation]']")?.GetAttribute("value"));
        Assert.Equal("Refused Portal", page.QuerySelector("input[name='Title']")?.GetAttribute("value"));
        Assert.Null(await SettingsAsync(beta));
    }

    [Fact]
    public async Task Saved_colours_reach_the_reseller_s_stylesheet_whose_url_changes_with_them()
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var before = (await BrandAsync(beta)).StylesheetUrl!;

        var fields = ValidFields();
        fields["Colours[PrimaryButton]"] = "#AB12CD";
        var saved = await PostBrandingAsync(owner, fields);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        var first = (await BrandAsync(beta)).StylesheetUrl!;

        fields["Colours[PrimaryButton]"] = "#123";
        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandingAsync(owner, fields)).StatusCode);
        var second = (await BrandAsync(beta)).StylesheetUrl!;

        Assert.NotEqual(before, first);
        Assert.NotEqual(first, second);
        Assert.StartsWith($"/brand/{beta}/", second, StringComparison.Ordinal);
        using var anonymous = NewBrowser();
        var css = await anonymous.GetAsync(second);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("--brand-primary: #123;", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("immutable", css.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        // A signed-in client or staff member gets the same cacheable file (the no-store of personal pages is not for it).
        Assert.Contains("immutable", (await owner.GetAsync(second)).Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        // Stale: today's colours, not kept.
        Assert.Contains("--brand-primary: #123;", await (await anonymous.GetAsync(first)).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync($"/brand/{Guid.NewGuid()}/{second.Split('/')[^1]}")).StatusCode);
    }

    [Fact]
    public async Task A_valid_png_is_stored_and_served_back_with_its_type_nosniff_and_a_long_cache_whatever_its_name()
    {
        var beta = await ResellerIdAsync("beta");
        var alpha = await ResellerIdAsync("alpha");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var png = Png();

        var response = await PostBrandingAsync(owner, ValidFields(), [new Upload("HeaderLogo", "my logo (final).png", png, "application/octet-stream")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var url = (await BrandAsync(beta)).HeaderLogoUrl!;
        using var anonymous = NewBrowser();
        var image = await anonymous.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, image.StatusCode);
        Assert.Equal("image/png", image.Content.Headers.ContentType?.ToString());
        Assert.Equal(["nosniff"], image.Headers.GetValues("X-Content-Type-Options"));
        Assert.Contains("max-age=31536000", image.Headers.CacheControl?.ToString(), StringComparison.Ordinal);
        Assert.Equal(png, await image.Content.ReadAsByteArrayAsync());

        // The same image path under another reseller's id, another slot, an old version or an unknown slot: nothing.
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.Replace(beta.ToString(), alpha.ToString(), StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.Replace("HeaderLogo", "LoginLogo", StringComparison.Ordinal))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url[..^16] + "0000000000000000")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url.Replace("HeaderLogo", "1", StringComparison.Ordinal))).StatusCode);

        // Removed: the URL is gone.
        var remove = await PostBrandingAsync(owner, ValidFields(), lists: [new("RemoveImages", "HeaderLogo")]);
        Assert.Equal(HttpStatusCode.Redirect, remove.StatusCode);
        Assert.Null((await BrandAsync(beta)).HeaderLogoUrl);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(url)).StatusCode);
    }

    public static TheoryData<string, string, byte[], string> RefusedUploads => new()
    {
        { "oversized", "logo.png", [.. DemoPng.Circle(16, (0, 0, 0), (255, 255, 255)), .. new byte[5000]], "larger than 4 KB" },
        { "GIF named .png", "logo.png", Encoding.ASCII.GetBytes("GIF89a\x01\0\x01\0\0\0\0;"), "not a PNG, JPEG or WebP" },
        { "HTML named .png", "logo.png", Encoding.UTF8.GetBytes("<html><script>alert(1)</script></html>"), "not a PNG, JPEG or WebP" },
        { "SVG with script", "logo.svg", Encoding.UTF8.GetBytes("<?xml version=\"1.0\"?><svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"), "can carry script" },
        { "path-like name", "../../wwwroot/index.png", DemoPng.Circle(16, (0, 0, 0), (255, 255, 255)), "looks like a path" },
        { "Windows path", "C:\\temp\\logo.png", DemoPng.Circle(16, (0, 0, 0), (255, 255, 255)), "looks like a path" },
        { "empty", "logo.png", [], "empty" },
    };

    [Theory]
    [MemberData(nameof(RefusedUploads))]
    public async Task An_upload_that_is_not_a_small_png_jpeg_or_webp_is_refused_beside_its_field(string why, string fileName, byte[] bytes, string reason)
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);

        var response = await PostBrandingAsync(owner, ValidFields(), [new Upload("LoginLogo", fileName, bytes), new Upload("HeaderLogo", "fine.png", Png())]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(reason, page.QuerySelector("[data-valmsg-for='LoginLogo']")?.TextContent ?? "", StringComparison.Ordinal);
        // The valid file must be chosen again, and the page says so.
        Assert.NotNull(page.QuerySelector("[data-choose-again='HeaderLogo']"));
        Assert.Null(await SettingsAsync(beta));
        Assert.False(await AsPlatformAsync(db => db.BrandImages.AnyAsync(i => i.ResellerId == beta)), why);
    }

    [Fact]
    public async Task The_welcome_text_is_sanitised_when_saved_and_again_when_shown()
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var fields = ValidFields();
        fields["WelcomeHtml"] = "<h2>Hello</h2><script>alert(1)</script><img src=x onerror=\"alert(2)\"><a href=\"javascript:alert(3)\">x</a><p style=\"color:red\" onclick=\"alert(4)\">Text</p>";

        Assert.Equal(HttpStatusCode.Redirect, (await PostBrandingAsync(owner, fields)).StatusCode);

        var stored = (await SettingsAsync(beta))!.WelcomeHtml;
        Assert.Contains("<h2>Hello</h2>", stored, StringComparison.Ordinal);
        Assert.Contains("<p>Text</p>", stored, StringComparison.Ordinal);
        foreach (var bad in new[] { "<script", "onerror", "javascript:", "onclick", "style=" })
        {
            Assert.DoesNotContain(bad, stored, StringComparison.OrdinalIgnoreCase);
        }

        // A row written past the page (another tool, an old version) is still cleaned on the way out.
        await AsPlatformAsync(db => db.Database.ExecuteSqlAsync(
            $"UPDATE \"BrandSettings\" SET \"WelcomeHtml\" = {"<p>Hi</p><script>alert(1)</script><svg onload=alert(1)>"} WHERE \"ResellerId\" = {beta}"));
        var shown = (await BrandAsync(beta)).WelcomeHtml;
        Assert.Contains("<p>Hi</p>", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", shown, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", shown, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_setting_is_saved_and_reaches_the_client_portal_s_brand()
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var fields = ValidFields("Beta Self-Service");
        fields["ShowForgotPassword"] = "false";
        fields["SignupEnabled"] = "true";
        fields["WebsiteOrigins"] = "https://www.beta-voice.example\nHTTPS://Shop.Beta-Voice.example:8443/";

        var response = await PostBrandingAsync(owner, fields, lists:
        [
            new("Elements", "balance"), new("Elements", "dids"), new("SignupShown", "Company"), new("SignupRequired", "Phone"), new("SignupShown", "VatNumber"),
        ]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var brand = await BrandAsync(beta);
        Assert.Equal("Beta Self-Service", brand.Title);
        Assert.False(brand.ShowForgotPassword);
        Assert.True(brand.SignupEnabled);
        Assert.Equal(["balance", "dids"], brand.VisibleElements.Order());
        Assert.Equal(["https://www.beta-voice.example", "https://shop.beta-voice.example:8443"], brand.WebsiteOrigins);
        Assert.Equal(
            ["FirstName*", "Company", "Phone*", "VatNumber"],
            brand.SignupFields.Where(f => f.Shown).Select(f => f.Required ? f.Name + "*" : f.Name));

        // The page shows what was saved, the direct-login form and the link to the client login.
        var (_, page) = await owner.GetPageAsync("/branding");
        Assert.Equal("Beta Self-Service", page.QuerySelector("input[name='Title']")?.GetAttribute("value"));
        Assert.Contains("/c/beta/connect\" method=\"post\"", page.QuerySelector("[data-connect-form]")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.EndsWith("/c/beta", page.QuerySelector("[data-portal-link]")?.GetAttribute("href"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://www.example.com")]
    [InlineData("https://www.example.com/login")]
    [InlineData("*")]
    [InlineData("null")]
    public async Task A_website_origin_that_is_not_an_https_origin_is_refused(string origin)
    {
        var beta = await ResellerIdAsync("beta");
        using var owner = await SignedInAsync(DemoSeeder.Reseller2Email);
        var fields = ValidFields();
        fields["WebsiteOrigins"] = "https://ok.example.com\n" + origin;

        var response = await PostBrandingAsync(owner, fields);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("https, a host name", page.QuerySelector("[data-valmsg-for='WebsiteOrigins']")?.TextContent ?? "", StringComparison.Ordinal);
        Assert.Null(await SettingsAsync(beta));
    }

    [Fact]
    public async Task Preview_shows_the_unsaved_values_and_saves_nothing()
    {
        var alpha = await ResellerIdAsync("alpha");
        var before = (await SettingsAsync(alpha))!;
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var fields = ValidFields("Previewed Title");
        fields["Colours[Background]"] = "#0f0f0f";
        var png = Png(0x99);

        var response = await PostBrandingAsync(owner, fields, [new Upload("LoginLogo", "new.png", png)], url: "/branding/preview", lists: [new("Elements", "balance")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("Previewed Title", page.QuerySelector("[data-preview-title]")?.TextContent);
        Assert.Equal("data:image/png;base64," + Convert.ToBase64String(png), page.QuerySelector("img.brand-login-logo")?.GetAttribute("src"));
        Assert.NotNull(page.QuerySelector("[data-preview-element='balance']"));
        Assert.Null(page.QuerySelector("[data-preview-element='dids']"));
        var stylesheet = page.QuerySelector("link[data-preview-stylesheet]")!.GetAttribute("href")!;
        var css = await owner.GetAsync(stylesheet);
        Assert.Equal(HttpStatusCode.OK, css.StatusCode);
        Assert.Contains("--brand-background: #0f0f0f;", await css.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var after = (await SettingsAsync(alpha))!;
        Assert.Equal((before.Title, before.Colours, before.LoginLogoImage, before.UpdatedAt), (after.Title, after.Colours, after.LoginLogoImage, after.UpdatedAt));

        // The preview key is the reseller's own and cannot be forged.
        using var other = await SignedInAsync(DemoSeeder.Reseller2Email);
        Assert.Equal(HttpStatusCode.NotFound, (await other.GetAsync(stylesheet)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.GetAsync("/branding/preview.css?key=forged")).StatusCode);
    }

    [Fact]
    public async Task A_refused_preview_shows_the_form_with_the_reason()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var fields = ValidFields();
        fields["Colours[Text]"] = "expression(alert(1))";

        var response = await PostBrandingAsync(owner, fields, url: "/branding/preview");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(BrandColours.NotAColour, page.QuerySelector("[data-valmsg-for='Colours[Text]']")?.TextContent);
    }

    [Theory]
    [InlineData(DemoSeeder.Staff1Email)]
    [InlineData(DemoSeeder.SupportEmail)]
    [InlineData(DemoSeeder.AdminEmail)]
    public async Task Only_the_reseller_s_admin_opens_or_posts_the_branding_pages(string login)
    {
        using var browser = await SignedInAsync(login);
        var alpha = await ResellerIdAsync("alpha");
        var before = (await SettingsAsync(alpha))!.Colours;

        foreach (var url in new[] { "/branding", "/branding/emails" })
        {
            var response = await browser.GetAsync(url);
            Assert.True(response.StatusCode is HttpStatusCode.Forbidden or HttpStatusCode.Redirect, $"{login} {url}: {response.StatusCode}");
            if (response.StatusCode == HttpStatusCode.Redirect)
            {
                Assert.Contains("access-denied", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }

        var token = (await browser.GetPageAsync("/")).Page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value");
        var post = await browser.PostAsync("/branding", ValidFields("Hijacked"), token);
        Assert.NotEqual(HttpStatusCode.OK, post.StatusCode);
        Assert.Equal(before, (await SettingsAsync(alpha))!.Colours);
        Assert.NotEqual("Hijacked", (await SettingsAsync(alpha))!.Title);
    }

    [Fact]
    public async Task A_reseller_s_admin_edits_only_its_own_brand()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var alphaBefore = (await SettingsAsync(alpha))!;
        using var betaOwner = await SignedInAsync(DemoSeeder.Reseller2Email);

        var (_, page) = await betaOwner.GetPageAsync("/branding");
        Assert.NotEqual(alphaBefore.Title, page.QuerySelector("input[name='Title']")?.GetAttribute("value"));
        Assert.Empty(page.QuerySelectorAll("img[data-stored-image]"));

        var response = await PostBrandingAsync(betaOwner, ValidFields("Beta only"), lists: [new("ResellerId", alpha.ToString()), new("RemoveImages", "HeaderLogo")]);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("Beta only", (await SettingsAsync(beta))!.Title);
        var alphaAfter = (await SettingsAsync(alpha))!;
        Assert.Equal((alphaBefore.Title, alphaBefore.HeaderLogoImage), (alphaAfter.Title, alphaAfter.HeaderLogoImage));
    }

    private async Task<ClientBrand> BrandAsync(Guid resellerId)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<IClientBrands>().ForResellerAsync(resellerId, CancellationToken.None))!;
    }
}
