using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Domain;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Jobs;

namespace ResellerPortal.IntegrationTests.Resellers;

/// <summary>
/// An operator's domain belongs to one operator on the whole platform (issue 15, bug 5): otherwise the
/// certificate warnings of a domain go to whichever reseller's owner holds it too.
/// </summary>
public sealed class OperatorDomainTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string AlphaEuDomain = "eu.alpha-live.example.com";

    private static string Message(string html, string field) =>
        Browser.Parse(html).QuerySelector($"[data-valmsg-for='{field}']")?.TextContent.Trim() ?? string.Empty;

    [Theory]
    [InlineData(AlphaEuDomain)]
    [InlineData("EU.Alpha-Live.Example.com.")]
    public async Task A_second_reseller_cannot_create_an_operator_on_a_domain_another_reseller_holds(string domain)
    {
        var beta = await ResellerIdAsync("beta");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync($"/admin/resellers/{beta}/operators/new", [new("Name", "Copycat"), new("Domain", domain)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        var message = Message(html, "Domain");
        Assert.Equal("This domain is already used by another operator. Each domain belongs to one operator on the platform.", message);
        // The refusal does not say who holds the domain.
        Assert.DoesNotContain("Alpha", message, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("EU", message, StringComparison.Ordinal);
        Assert.False(await AsPlatformAsync(db => db.Operators.AnyAsync(o => o.Name == "Copycat")));
    }

    [Fact]
    public async Task An_operator_cannot_be_moved_to_a_domain_another_reseller_holds_but_keeps_its_own()
    {
        var main = await OperatorIdAsync("Main");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var moved = await admin.SubmitAsync($"/admin/operators/{main}/edit", [new("Name", "Main"), new("Domain", AlphaEuDomain)]);
        var kept = await admin.SubmitAsync($"/admin/operators/{main}/edit", [new("Name", "Main"), new("Domain", "LIVE.beta-voice.example.com")]);

        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Contains("already used by another operator", Message(await moved.Content.ReadAsStringAsync(), "Domain"), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, kept.StatusCode);
        Assert.Equal("live.beta-voice.example.com", await AsPlatformAsync(db => db.Operators.Where(o => o.Id == main).Select(o => o.Domain).SingleAsync()));
    }

    [Fact]
    public async Task The_database_refuses_a_second_operator_on_a_domain_whatever_its_reseller()
    {
        var beta = await ResellerIdAsync("beta");

        var refused = await Assert.ThrowsAsync<ConstraintViolationException>(() => AsPlatformAsync(async db =>
        {
            db.Operators.Add(new Operator(beta, "Direct", "EU.alpha-live.example.com", DateTimeOffset.UtcNow));
            return await db.SaveChangesAsync();
        }));

        Assert.Equal("IX_Operators_Domain", refused.Constraint);
        Assert.Equal("Domain", refused.Field);
    }

    [Fact]
    public async Task The_certificate_warnings_of_a_domain_go_only_to_the_owner_of_the_reseller_that_holds_it()
    {
        var beta = await ResellerIdAsync("beta");
        var expiry = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(7);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        await admin.SubmitAsync($"/admin/operators/{await OperatorIdAsync("EU")}/edit",
            [new("Name", "EU"), new("Domain", AlphaEuDomain), new("CertificateExpiresOn", expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);

        // Beta's try to hold Alpha's domain, with the same certificate date.
        await admin.SubmitAsync($"/admin/resellers/{beta}/operators/new",
            [new("Name", "Copycat"), new("Domain", AlphaEuDomain), new("CertificateExpiresOn", expiry.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))]);
        await ActivatorUtilities.CreateInstance<CertificateExpiryJob>(Portal.Services).RunAsync(CancellationToken.None);

        var recipients = await AsPlatformAsync(db => db.OutboxMessages.Where(m => m.Subject.Contains(AlphaEuDomain)).Select(m => m.To).ToListAsync());
        Assert.Contains(DemoSeeder.Reseller1Email, recipients);
        Assert.DoesNotContain(DemoSeeder.Reseller2Email, recipients);
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("1999-12-31")]
    [InlineData("2101-01-01")]
    public async Task A_certificate_expiry_outside_the_portal_s_dates_is_refused_beside_the_field(string date)
    {
        var eu = await OperatorIdAsync("EU");
        var before = await AsPlatformAsync(db => db.Operators.Where(o => o.Id == eu).Select(o => o.CertificateExpiresOn).SingleAsync());
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync($"/admin/operators/{eu}/edit",
            [new("Name", "EU"), new("Domain", AlphaEuDomain), new("CertificateExpiresOn", date)]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter a date between 2000-01-01 and 2100-12-31.", Message(await response.Content.ReadAsStringAsync(), "CertificateExpiresOn"));
        Assert.Equal(before, await AsPlatformAsync(db => db.Operators.Where(o => o.Id == eu).Select(o => o.CertificateExpiresOn).SingleAsync()));
    }

    [Fact]
    public async Task A_new_operator_with_a_certificate_expiry_of_year_1_is_not_created()
    {
        var alpha = await ResellerIdAsync("alpha");
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);

        var response = await admin.SubmitAsync($"/admin/resellers/{alpha}/operators/new",
            [new("Name", "Asia"), new("Domain", "asia.alpha-live.example.com"), new("CertificateExpiresOn", "0001-01-01")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Enter a date between 2000-01-01 and 2100-12-31.", Message(await response.Content.ReadAsStringAsync(), "CertificateExpiresOn"));
        Assert.False(await AsPlatformAsync(db => db.Operators.AnyAsync(o => o.Name == "Asia")));
    }
}
