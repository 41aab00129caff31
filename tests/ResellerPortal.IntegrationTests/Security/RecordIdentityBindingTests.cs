using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>
/// The record a request acts on, and its reseller, come from the address only (issue 16, findings 2 and 3):
/// a posted <c>Id</c> does not turn a create into an edit for its validator, and a body field does not
/// redirect an action to a record other than the one in the route.
/// </summary>
public sealed class RecordIdentityBindingTests(PostgresFixture postgres) : PortalTest(postgres)
{
    private sealed record CreateForm(string Url, string Login, KeyValuePair<string, string>[] Invalid, Guid ConflictingId);

    [Fact]
    public async Task Every_create_form_ignores_a_posted_id_reseller_operator_balance_status_and_role()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var eu = await OperatorIdAsync("EU");
        var us = await OperatorIdAsync("US");
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == alpha).OrderBy(c => c.Email).Select(c => new { c.Id, c.Email }).FirstAsync());
        var package = await AsPlatformAsync(db => db.Packages.Where(p => p.ResellerId == alpha).Select(p => new { p.Id, p.Name }).FirstAsync());
        var sub = await AsPlatformAsync(db => db.SubAccounts.Where(s => s.ResellerId == alpha).Select(s => new { s.Id, s.Name }).FirstAsync());
        var staff = await UserIdAsync(DemoSeeder.Staff1Email);
        var payment = await AsPlatformAsync(async db =>
        {
            var p = Domain.Payments.Payment.Record(alpha, client.Id, "EUR", Domain.Payments.PaymentType.Cash, "BIND-1", 10m, new DateOnly(2026, 11, 20), null, DateTimeOffset.UtcNow);
            db.Payments.Add(p);
            await db.SaveChangesAsync();
            return p.Id;
        });

        // Each form posted with a value its validator refuses unless it believes the form edits the
        // record whose id is posted alongside (a taken name or email, a missing initial password).
        CreateForm[] forms =
        [
            new("/clients/new", DemoSeeder.Reseller1Email,
            [
                new("FirstName", "Over"), new("Email", client.Email), new("Country", "GB"), new("Currency", "EUR"), new("NextBillingDate", "2026-12-01"),
                new("BalanceManagement", "Soft"), new("OperatorId", eu.ToString()), new("SubAccountName", "Not A Valid Name!"),
            ], client.Id),
            new("/packages/new", DemoSeeder.Reseller1Email, [new("Name", package.Name), new("Currency", "EUR")], package.Id),
            new($"/clients/{client.Id}/subaccounts/new", DemoSeeder.Reseller1Email, [new("Name", sub.Name)], sub.Id),
            new("/dids/new", DemoSeeder.Reseller1Email, [new("First", "not a number")], Guid.NewGuid()),
            new("/instances/new", DemoSeeder.Reseller1Email, [new("Name", "Not A Valid Name!"), new("OperatorId", eu.ToString())], Guid.NewGuid()),
            new("/admin/resellers/new", DemoSeeder.AdminEmail, [new("Name", "Beta again"), new("Slug", "beta")], beta),
            new($"/admin/resellers/{alpha}/operators/new", DemoSeeder.AdminEmail, [new("Name", "US"), new("Domain", "us2.alpha-live.example.com")], us),
            new($"/admin/resellers/{alpha}/users/new", DemoSeeder.AdminEmail,
                [new("Email", DemoSeeder.Staff1Email), new("DisplayName", "Over"), new("Role", "ResellerUser"), new("OperatorIds", eu.ToString())], staff),
            new($"/clients/{client.Id}/basket/new", DemoSeeder.Reseller1Email, [new("ItemId", "BIND-1"), new("Price", "-1")], Guid.NewGuid()),
            new($"/clients/{client.Id}/payments/new", DemoSeeder.Reseller1Email, [new("Reference", ""), new("Amount", "5")], payment),
            new($"/payments/{payment}/refunds/new", DemoSeeder.Reseller1Email, [new("Amount", "-1")], payment),
            new("/users/new", DemoSeeder.Reseller1Email,
                [new("Email", DemoSeeder.Staff1Email), new("DisplayName", "Over"), new("Role", "ResellerUser"), new("OperatorIds", eu.ToString())], staff),
        ];

        var createRoutes = PortalRoute.All(Portal).Where(r => r.Method == "POST" && r.Template.EndsWith("/new", StringComparison.Ordinal)).Select(r => r.Shape).Order();
        Assert.Equal(createRoutes, forms.Select(f => PortalRoute.ShapeOfUrl(f.Url)).Order());

        foreach (var form in forms)
        {
            using var browser = await SignedInAsync(form.Login);
            var names = form.Invalid.Select(f => f.Key).ToHashSet(StringComparer.OrdinalIgnoreCase);
            KeyValuePair<string, string>[] extras =
            [
                new("Id", form.ConflictingId.ToString()), new("ResellerId", beta.ToString()), new("OperatorId", (await OperatorIdAsync("Main")).ToString()),
                new("Balance", "1000000"), new("Status", "Blocked"), new("Role", "PlatformAdmin"),
            ];
            HttpResponseMessage? response = null;
            var written = await AuditWrittenByAsync(async () => response = await browser.SubmitAsync(form.Url, form.Invalid.Concat(extras.Where(e => !names.Contains(e.Key)))));

            Assert.Equal((form.Url, HttpStatusCode.OK), (form.Url, response!.StatusCode));
            Assert.True(written.Count == 0, $"{form.Url} wrote: {string.Join("; ", written)}");
        }
    }

    [Fact]
    public async Task A_valid_create_with_extra_fields_creates_only_what_the_form_says_under_the_route_s_reseller()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var postedId = Guid.NewGuid();
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        HttpResponseMessage? response = null;

        var written = await AuditWrittenByAsync(async () => response = await admin.SubmitAsync($"/admin/resellers/{alpha}/operators/new",
            [new("Name", "Backup"), new("Domain", "backup.alpha.example.com"), new("Id", postedId.ToString()), new("ResellerId", beta.ToString()), new("resellerId", beta.ToString())]));

        Assert.Equal(HttpStatusCode.Redirect, response!.StatusCode);
        var created = await AsPlatformAsync(db => db.Operators.Where(o => o.Name == "Backup").Select(o => new { o.Id, o.ResellerId }).SingleAsync());
        Assert.Equal(alpha, created.ResellerId);
        Assert.NotEqual(postedId, created.Id);
        Assert.Equal(["Operator Added " + created.Id], written);
    }

    [Fact]
    public async Task A_body_id_does_not_redirect_a_client_action_to_another_client()
    {
        var clients = await AsPlatformAsync(db => db.Clients.Where(c => c.Status == Domain.Clients.ClientStatus.Active && c.ResellerId == db.Resellers.Single(r => r.Slug == "alpha").Id)
            .OrderBy(c => c.Email).Select(c => c.Id).Take(2).ToListAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var response = await owner.SubmitAsync($"/clients/{clients[0]}", [new("id", clients[1].ToString())], $"/clients/{clients[0]}/suspend");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var statuses = await AsPlatformAsync(db => db.Clients.Where(c => clients.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.Status));
        Assert.Equal(Domain.Clients.ClientStatus.Suspended, statuses[clients[0]]);
        Assert.Equal(Domain.Clients.ClientStatus.Active, statuses[clients[1]]);
    }

    /// <summary>
    /// Every POST whose route names records: the route names records that do not exist, the body names
    /// real ones under the same parameter names (and as <c>Id</c> and <c>ResellerId</c>). Nothing may change.
    /// </summary>
    [Fact]
    public async Task No_action_with_an_id_in_its_route_acts_on_a_record_named_in_the_body()
    {
        var beta = await ResellerIdAsync("beta");
        var real = await AsPlatformAsync(SampleRecords.OfAlphaAsync);
        // Records of another reseller where the admin's routes name resellers, operators and users.
        real["resellers"] = beta;
        real["operators"] = await OperatorIdAsync("Main");
        real["users"] = await UserIdAsync(DemoSeeder.Reseller2Email);
        // Alpha's money records (the demo seed may have none): a payment and an unpaid basket item of its first client.
        (real["payments"], real["baskets"]) = await AsPlatformAsync(async db =>
        {
            var client = await db.Clients.SingleAsync(c => c.Id == real["clients"]);
            var payment = Domain.Payments.Payment.Record(client.ResellerId, client.Id, client.Currency, Domain.Payments.PaymentType.Cash, "SAMPLE-P", 10m, new DateOnly(2026, 11, 20), null, DateTimeOffset.UtcNow);
            var item = Domain.Baskets.BasketItem.Create(client.ResellerId, client.Id, client.Currency, "Sample", "Custom", "SAMPLE-B", "", 5m, new DateOnly(2026, 12, 1), false, DateTimeOffset.UtcNow);
            db.Payments.Add(payment);
            db.BasketItems.Add(item);
            await db.SaveChangesAsync();
            return (payment.Id, item.Id);
        });
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        using var admin = await SignedInAsync(DemoSeeder.AdminEmail);
        var ownerToken = await TokenAsync(owner, "/clients");
        var adminToken = await TokenAsync(admin, "/admin/resellers");

        var routes = PortalRoute.All(Portal).Where(r => r.Method == "POST" && r.Template.Contains(":guid", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(routes);
        var changed = new List<string>();
        foreach (var route in routes)
        {
            var body = new List<KeyValuePair<string, string>>();
            foreach (var parameter in route.RouteParameters.Where(p => p != "entityType"))
            {
                var kind = SampleRecords.KindOf(route.Template, parameter);
                Assert.True(real.ContainsKey(kind), $"{route}: no sample record for '{kind}'; add one above.");
                body.Add(new(parameter, real[kind].ToString()));
                if (parameter == route.RouteParameters[^1])
                {
                    body.Add(new("Id", real[kind].ToString()));
                }
            }

            body.Add(new("ResellerId", beta.ToString()));
            var isAdmin = route.Template.StartsWith("admin", StringComparison.Ordinal) || route.Template.StartsWith("/admin", StringComparison.Ordinal);
            HttpResponseMessage? response = null;
            var written = await AuditWrittenByAsync(async () => response = await (isAdmin ? admin : owner).PostAsync(route.Url(p => p == "entityType" ? "Client" : Guid.NewGuid().ToString()), body, isAdmin ? adminToken : ownerToken));
            Assert.NotEqual(HttpStatusCode.InternalServerError, response!.StatusCode);
            if (written.Count > 0)
            {
                changed.Add($"{route}: {string.Join("; ", written)}");
            }
        }

        Assert.Empty(changed);
    }

    /// <summary>The audit entries (type, action, record) written while <paramref name="request"/> ran.</summary>
    private async Task<List<string>> AuditWrittenByAsync(Func<Task> request)
    {
        var before = await AsPlatformAsync(db => db.AuditEntries.Select(a => a.Id).ToListAsync());
        await request();
        return await AsPlatformAsync(db => db.AuditEntries.Where(a => !before.Contains(a.Id))
            .Select(a => a.EntityType + " " + a.Action + " " + a.EntityId).ToListAsync());
    }

    private static async Task<string> TokenAsync(Browser browser, string url)
    {
        var (_, page) = await browser.GetPageAsync(url);
        return page.QuerySelector("input[name=__RequestVerificationToken]")?.GetAttribute("value")
            ?? throw new InvalidOperationException("The home page has no antiforgery token.");
    }
}
