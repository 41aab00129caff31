using ResellerPortal.Domain;
using ResellerPortal.Domain.Branding;

namespace ResellerPortal.UnitTests.Branding;

public sealed class BrandingRulesTests
{
    [Theory]
    [InlineData("#fff", true)]
    [InlineData("#1A6FB0", true)]
    [InlineData("red", false)]
    [InlineData("red;}body{x", false)]
    [InlineData("#12345g", false)]
    [InlineData("#1234", false)]
    [InlineData("#fff\n", false)]
    [InlineData("url(javascript:alert(1))", false)]
    [InlineData("#fff;background:url(x)", false)]
    [InlineData("", false)]
    public void Only_hex_colours_are_colours(string value, bool colour) => Assert.Equal(colour, BrandColours.IsColour(value));

    [Fact]
    public void A_stored_colour_that_is_not_one_is_read_as_the_default()
    {
        var colours = BrandSettings.ParseColours("Background=red;}body{x;Text=#ABCDEF");

        Assert.Equal("#f8f9fa", colours["Background"]);
        Assert.Equal("#abcdef", colours["Text"]);
    }

    [Theory]
    [InlineData("https://www.example.com", "https://www.example.com")]
    [InlineData("HTTPS://WWW.Example.COM/", "https://www.example.com")]
    [InlineData("https://shop.example.com:8443", "https://shop.example.com:8443")]
    [InlineData("https://shop.example.com:443", "https://shop.example.com")]
    public void A_website_origin_is_stored_as_the_browser_sends_it(string typed, string stored) =>
        Assert.Equal(stored, WebsiteOrigin.Normalize("Origins", typed));

    [Theory]
    [InlineData("http://www.example.com")]
    [InlineData("https://www.example.com/login")]
    [InlineData("https://www.example.com?x=1")]
    [InlineData("https://user:pw@www.example.com")]
    [InlineData("https://*.example.com")]
    [InlineData("javascript:alert(1)")]
    [InlineData("https://localhost")]
    [InlineData("www.example.com")]
    public void Anything_but_an_https_origin_is_refused(string typed) =>
        Assert.Throws<RuleViolationException>(() => WebsiteOrigin.Normalize("Origins", typed));

    [Fact]
    public void Images_are_told_by_their_bytes()
    {
        Assert.Equal(BrandImageType.Png, BrandImage.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0]));
        Assert.Equal(BrandImageType.Jpeg, BrandImage.Detect([0xFF, 0xD8, 0xFF, 0xE0, 0, 0]));
        Assert.Equal(BrandImageType.WebP, BrandImage.Detect("RIFF\0\0\0\0WEBPVP8 "u8));
        Assert.Null(BrandImage.Detect("GIF89a\0\0"u8));
        Assert.Null(BrandImage.Detect("<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"u8));
        Assert.Null(BrandImage.Detect("<html><body>hi</body></html>"u8));
        Assert.Null(BrandImage.Detect([]));
    }

    [Fact]
    public void The_first_name_is_always_shown_and_required_and_a_required_field_is_shown()
    {
        var choices = SignupFields.Complete([new("FirstName", false, false), new("Phone", false, true)]);

        Assert.Contains(new SignupFieldChoice("FirstName", true, true), choices);
        Assert.Contains(new SignupFieldChoice("Phone", true, true), choices);
        Assert.Equal(choices, SignupFields.Parse(SignupFields.Format(choices)));
    }
}
