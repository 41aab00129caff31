using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class KeyServerRequestTests
{
    private static readonly Uri ManualServer = new("http://my.server/llm/licence_wsvc_gen.do");
    private static readonly Ppk ManualKey = Ppk.FromText("XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90");

    [Fact]
    public void The_manual_example_becomes_one_get_url_with_every_value_encoded()
    {
        var url = KeyServerRequest.ActivationUrl(ManualServer, "ABC", "me@gmail.com", ManualKey);

        Assert.Equal(
            "http://my.server/llm/licence_wsvc_gen.do?K_enduser=ABC&K_email=me%40gmail.com&K_id=XQI-LOWAY-74KKMREX6TOH1%3AQM-50%2F1%2F90",
            url.AbsoluteUri);
    }

    [Theory]
    [InlineData("Acme & Sons", "Acme%20%26%20Sons")]
    [InlineData("a=b+c", "a%3Db%2Bc")]
    [InlineData("Zoë Ünal", "Zo%C3%AB%20%C3%9Cnal")]
    [InlineData("50% #1?", "50%25%20%231%3F")]
    public void Firm_names_are_percent_encoded_as_utf8(string endUser, string encoded)
    {
        var url = KeyServerRequest.ActivationUrl(ManualServer, endUser, "me@gmail.com", ManualKey);

        Assert.StartsWith($"http://my.server/llm/licence_wsvc_gen.do?K_enduser={encoded}&K_email=", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Acme & Sons", "ops+keys@acme.example")]
    [InlineData("K_id=FAKE&x", "a&K_id=b@example.com")]
    [InlineData("Zoë / Ünal : 日本", "x@example.com")]
    public void The_query_reads_back_as_exactly_the_three_values(string endUser, string email)
    {
        var url = KeyServerRequest.ActivationUrl(ManualServer, endUser, email, ManualKey);

        var pairs = url.Query.TrimStart('?').Split('&').Select(pair => pair.Split('=')).ToList();
        Assert.Equal(["K_enduser", "K_email", "K_id"], pairs.Select(p => p[0]));
        Assert.All(pairs, p => Assert.Equal(2, p.Length));
        Assert.Equal([endUser, email, ManualKey.Text], pairs.Select(p => Uri.UnescapeDataString(p[1])));
    }

    [Fact]
    public void A_query_already_in_the_configured_url_is_kept()
    {
        var url = KeyServerRequest.ActivationUrl(new Uri("https://keys.example:8443/llm/licence_wsvc_gen.do?reseller=7"), "ABC", "me@gmail.com", ManualKey);

        Assert.StartsWith("https://keys.example:8443/llm/licence_wsvc_gen.do?reseller=7&K_enduser=ABC&", url.AbsoluteUri, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("ftp://my.server/licence_wsvc_gen.do")]
    [InlineData("http://my.server/licence_wsvc_gen.do#top")]
    public void Only_a_plain_http_or_https_url_is_accepted(string server)
    {
        Assert.Throws<ArgumentException>(() => KeyServerRequest.ActivationUrl(new Uri(server), "ABC", "me@gmail.com", ManualKey));
    }

    [Fact]
    public void A_relative_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() => KeyServerRequest.ActivationUrl(new Uri("/licence_wsvc_gen.do", UriKind.Relative), "ABC", "me@gmail.com", ManualKey));
    }

    [Theory]
    [InlineData("", "me@gmail.com")]
    [InlineData("  ", "me@gmail.com")]
    [InlineData("ABC", "")]
    public void The_firm_and_the_email_are_required(string endUser, string email)
    {
        Assert.ThrowsAny<ArgumentException>(() => KeyServerRequest.ActivationUrl(ManualServer, endUser, email, ManualKey));
    }
}
