using System.Net;
using FluentValidation;
using FluentValidation.Validators;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Infrastructure;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>
/// Issue 16, finding 7: a text too long for its column must be refused beside its field, never reach the
/// database (where it would be a 500). The mechanism is a length rule in each form's validator; this
/// walks every validator the portal registers and every text field of its form, so a new form or field
/// without a limit fails here rather than in production.
/// </summary>
public sealed class LengthLimitTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private const string Pattern = "its format rule allows only a short text";
    private const string List = "must be one of a closed list";
    private const string Phone = "parsed as a phone number (E.164: at most 16 characters stored)";
    private const string Shown = "shown on the form, never saved from it";

    /// <summary>Text fields bounded by another rule than a maximum length, and which rule.</summary>
    private static readonly Dictionary<string, string> BoundedOtherwise = new()
    {
        ["SubAccountForm.Name"] = Pattern,
        ["ClientForm.SubAccountName"] = Pattern,
        ["OperatorForm.Domain"] = Pattern,
        ["ResellerForm.Slug"] = Pattern,
        ["CreateInstanceForm.Name"] = Pattern,
        ["EditInstanceForm.Name"] = Pattern,
        ["ClientForm.VatNumber"] = "checked as stored against Client.VatMaxLength (issue 16)",
        ["UserForm.Role"] = List,
        ["PackageForm.Currency"] = List,
        ["ClientForm.Currency"] = List,
        ["ClientForm.Country"] = List,
        ["CreateInstanceForm.Timezone"] = List,
        ["CreateInstanceForm.State"] = List,
        ["CreateInstanceForm.Mode"] = List,
        ["EditInstanceForm.Timezone"] = List,
        ["EditInstanceForm.State"] = List,
        ["EditInstanceForm.Mode"] = List,
        ["AddDidsForm.First"] = Phone,
        ["AddDidsForm.Last"] = Phone,
        ["ConnectDidForm.Number"] = Phone,
        ["ConnectDidForm.ForwardTo"] = Phone,
        ["ClientForm.Phone"] = Phone,
        ["SubAccountForm.ClientName"] = Shown,
        ["OperatorForm.ResellerName"] = Shown,
        ["UserForm.ResellerName"] = Shown,
        ["EditInstanceForm.OperatorName"] = Shown,
        ["EditInstanceForm.KApiKeyMasked"] = Shown,
        ["BasketItemForm.ClientName"] = Shown,
        ["BasketItemForm.Currency"] = Shown,
        ["PaymentForm.ClientName"] = Shown,
        ["PaymentForm.Currency"] = Shown,
        ["RefundForm.ClientName"] = Shown,
        ["BrandingForm.Slug"] = Shown,
        ["BrandingForm.PortalBaseUrl"] = Shown,
        ["InviteForm.Role"] = List,
        ["AccessForm.Role"] = List,
        ["AccessForm.Email"] = Shown,
        ["AccessForm.DisplayName"] = Shown,
    };

    [Fact]
    public void Every_text_field_of_every_validated_form_has_a_maximum_length()
    {
        using var scope = Portal.Services.CreateScope();
        var forms = typeof(ServiceRegistration).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces())
            .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
            .Select(i => i.GetGenericArguments()[0])
            .Where(f => !f.IsGenericParameter && !f.IsAbstract)
            .Distinct()
            .ToList();
        Assert.NotEmpty(forms);

        var missing = new List<string>();
        foreach (var form in forms)
        {
            var validator = (IValidator)scope.ServiceProvider.GetRequiredService(typeof(IValidator<>).MakeGenericType(form));
            var descriptor = validator.CreateDescriptor();
            foreach (var property in form.GetProperties().Where(p => p.PropertyType == typeof(string) && p.CanWrite))
            {
                var limited = descriptor.GetRulesForMember(property.Name)
                    .SelectMany(rule => rule.Components)
                    .Any(component => component.Validator is ILengthValidator { Max: > 0 });
                if (!limited && !BoundedOtherwise.ContainsKey($"{form.Name}.{property.Name}"))
                {
                    missing.Add($"{form.Name}.{property.Name}");
                }
            }
        }

        Assert.True(missing.Count == 0, "No maximum length: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task A_low_balance_email_longer_than_its_column_is_refused_beside_the_field()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var tooLong = new string('a', 250) + "@q.example";

        var response = await owner.SubmitAsync("/clients/new",
        [
            new("FirstName", "Long"), new("Email", "long.mail@quorn.example"), new("Country", "US"), new("Currency", "USD"),
            new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"), new("OperatorId", eu.ToString()),
            new("LowBalanceEmail", tooLong),
        ]);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = Browser.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("An email address has at most 254 characters.", page.QuerySelector("[data-valmsg-for='LowBalanceEmail']")?.TextContent);
        Assert.Equal(tooLong, page.QuerySelector("[name='LowBalanceEmail']")?.GetAttribute("value"));
        Assert.False(await AsPlatformAsync(db => db.Clients.AnyAsync(c => c.Email == "long.mail@quorn.example")));
    }
}
