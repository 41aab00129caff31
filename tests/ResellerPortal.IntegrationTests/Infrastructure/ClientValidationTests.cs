using System.Net;
using AngleSharp.Dom;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Infrastructure;

/// <summary>
/// FluentValidation's client-side adapters: the validators' simple rules reach the form as data-val-*
/// attributes with the server's own words; the rest (conditions, Must, database checks) stays on the
/// server, which validates each post once.
/// </summary>
public sealed class ClientValidationTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task A_login_form_carries_the_required_and_email_rules_of_its_validator()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");

        var (_, page) = await admin.GetPageAsync($"/admin/resellers/{beta}/users/new");

        var email = Field(page, "Email");
        Assert.Equal("true", email.GetAttribute("data-val"));
        Assert.Equal("Enter the login email.", email.GetAttribute("data-val-required"));
        Assert.Equal("Enter a valid email address.", email.GetAttribute("data-val-email"));
        Assert.Equal("256", email.GetAttribute("data-val-maxlength-max"));
        Assert.Equal("Enter the person's name.", Field(page, "DisplayName").GetAttribute("data-val-required"));
        // The message goes where the server puts its own: the field's validation span.
        Assert.NotNull(page.QuerySelector("span[data-valmsg-for=Email]"));
    }

    [Fact]
    public async Task Rules_the_browser_cannot_check_stay_on_the_server()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");

        var (_, users) = await admin.GetPageAsync($"/admin/resellers/{beta}/users/new");
        var (_, instances) = await admin.GetPageAsync("/instances/new");

        // Conditional rules (When): a password is required only when creating, 8–128 only when given.
        Assert.Empty(ValidationAttributes(Field(users, "Password")));
        // Must: the role is one of two values.
        Assert.Empty(ValidationAttributes(Field(users, "Role")));
        // A bool has no rule, and MVC's own "The IsDisabled field is required." is not added.
        Assert.Empty(ValidationAttributes(Field(users, "IsDisabled")));
        // A date range would be compared as numbers in the browser: it stays on the server.
        Assert.Empty(ValidationAttributes(Field(instances, "ExpirationDate")));
        // A numeric range does reach the browser, with the validator's message.
        var agents = Field(instances, "MaxAgents");
        Assert.Equal("1", agents.GetAttribute("data-val-range-min"));
        Assert.Equal("10000", agents.GetAttribute("data-val-range-max"));
        Assert.Equal("Max. agents is between 1 and 10,000.", agents.GetAttribute("data-val-range"));
        Assert.Equal("Enter the number of licensed agents.", agents.GetAttribute("data-val-required"));
        Assert.Equal("Enter the customer's full company name.", Field(instances, "LongName").GetAttribute("data-val-required"));
    }

    [Fact]
    public async Task The_browser_shows_the_same_words_as_the_server()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");
        var url = $"/admin/resellers/{beta}/users/new";
        var (_, form) = await admin.GetPageAsync(url);

        var response = await admin.SubmitAsync(url, [new("Email", "not-an-email"), new("DisplayName", " "), new("Role", "ResellerAdmin"), new("Password", "long enough 1")]);

        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(Field(form, "Email").GetAttribute("data-val-email"), Message(page, "Email"));
        Assert.Equal(Field(form, "DisplayName").GetAttribute("data-val-required"), Message(page, "DisplayName"));
    }

    [Fact]
    public async Task An_async_database_rule_still_runs_on_the_server_once()
    {
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var beta = await ResellerIdAsync("beta");

        // The e-mail is taken: a MustAsync rule that asks the database. FluentValidation's automatic validation
        // would run the validator a second time, synchronously, and throw on this rule.
        var response = await admin.SubmitAsync($"/admin/resellers/{beta}/users/new", [new("Email", DemoSeeder.Reseller2Email), new("DisplayName", "Someone"), new("Role", "ResellerAdmin"), new("Password", "long enough 1")]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("This email already has a login.", Message(page, "Email"));
        Assert.Single(page.QuerySelectorAll("span[data-valmsg-for=Email]"));
        var mvc = Portal.Services.GetRequiredService<IOptions<MvcOptions>>().Value;
        Assert.DoesNotContain(mvc.ModelValidatorProviders, p => p.GetType().Assembly.GetName().Name!.StartsWith("FluentValidation", StringComparison.Ordinal));
    }

    private static IElement Field(AngleSharp.Html.Dom.IHtmlDocument page, string name) =>
        page.QuerySelector($"form [name={name}]:not([type=hidden])") ?? throw new InvalidOperationException($"No field {name}.");

    private static List<string> ValidationAttributes(IElement field) =>
        field.Attributes.Select(a => a.Name).Where(n => n == "data-val" || n.StartsWith("data-val-", StringComparison.Ordinal)).ToList();

    private static string? Message(AngleSharp.Html.Dom.IHtmlDocument page, string field) =>
        page.QuerySelector($"span[data-valmsg-for={field}]")?.TextContent.Trim();
}
