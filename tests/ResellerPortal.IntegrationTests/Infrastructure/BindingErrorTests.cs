using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// Forms whose action validates once it has read the record (edits of packages, clients, operators,
/// users) keep the model-binding errors: a value that is not a number or a date is refused next to its
/// field and saves nothing, rather than becoming 0 or empty.
/// </summary>
public sealed class BindingErrorTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent ?? string.Empty;

    [Fact]
    public async Task A_package_fee_that_is_not_a_number_is_refused_and_the_package_keeps_its_fee()
    {
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Standard EU").Select(p => new { p.Id, p.MonthlyFee }).SingleAsync());
        var (id, fee) = (package.Id, package.MonthlyFee);
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync($"/packages/{id}/edit", [new("Name", "Standard EU"), new("Currency", "EUR"), new("MonthlyFee", "ten")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("'ten' is not a valid value here.", Message(await response.Content.ReadAsStringAsync(), "MonthlyFee"));
        Assert.Equal(fee, await AsPlatformAsync(db => db.Packages.Where(x => x.Id == id).Select(x => x.MonthlyFee).SingleAsync()));
    }

    [Theory]
    [InlineData("12,50")]
    [InlineData("1,250.00")]
    [InlineData("0,001")]
    public async Task A_fee_written_with_a_comma_is_refused_rather_than_read_as_thousands(string typed)
    {
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.Name == "Standard EU").Select(p => new { p.Id, p.MonthlyFee }).SingleAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync($"/packages/{package.Id}/edit", [new("Name", "Standard EU"), new("Currency", "EUR"), new("MonthlyFee", typed)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Write decimals with a point (12.50), without thousands separators.", Message(await response.Content.ReadAsStringAsync(), "MonthlyFee"));
        Assert.Equal(package.MonthlyFee, await AsPlatformAsync(db => db.Packages.Where(x => x.Id == package.Id).Select(x => x.MonthlyFee).SingleAsync()));
    }

    [Fact]
    public async Task An_operator_certificate_date_that_is_not_a_date_is_refused_and_the_operator_keeps_its_date()
    {
        var eu = await OperatorIdAsync("EU");
        var before = await AsPlatformAsync(db => db.Operators.Where(o => o.Id == eu).Select(o => o.CertificateExpiresOn).SingleAsync());
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync($"/admin/operators/{eu}/edit",
            [new("Name", "EU"), new("Domain", "eu.alpha-live.example.com"), new("CertificateExpiresOn", "31/12/2027")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("'31/12/2027' is not a valid value here.", Message(await response.Content.ReadAsStringAsync(), "CertificateExpiresOn"));
        Assert.NotNull(before);
        Assert.Equal(before, await AsPlatformAsync(db => db.Operators.Where(o => o.Id == eu).Select(o => o.CertificateExpiresOn).SingleAsync()));
    }
}
