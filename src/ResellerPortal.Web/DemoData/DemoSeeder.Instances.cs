using ResellerPortal.Domain;
using ResellerPortal.Domain.Instances;

namespace ResellerPortal.Web.DemoData;

public sealed partial class DemoSeeder
{
    private static readonly string[] Companies =
    [
        "Acme Call Centers", "Blue Harbor Support", "Crescent Insurance", "Delta Logistics", "Evergreen Health",
        "Falcon Travel", "Granite Bank", "Helios Energy", "Iris Telecom", "Juniper Retail",
        "Kestrel Airlines", "Lumen Utilities", "Maple Realty", "Nimbus Cloud", "Orion Motors",
        "Pioneer Foods", "Quarry Legal", "Redwood Pharma", "Summit Hotels", "Tidal Water",
    ];

    /// <summary>
    /// About 40 instances for Alpha across EU and US in every state and mode (some past their
    /// expiration date, one DEMO over 30 days, one TEST per operator, one still provisioning, one
    /// waiting for its restart), certificates orange (EU) and red (US); a handful for Beta.
    /// </summary>
    private async Task SeedInstancesAsync(Operator eu, Operator us, Operator beta, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        eu.SetCertificateExpiry(today.AddDays(12));
        us.SetCertificateExpiry(today.AddDays(-3));
        beta.SetCertificateExpiry(today.AddDays(200));

        var password = secrets.Protect(Password);
        var instances = new List<Instance>();
        Instance Add(Operator op, string name, string company, ClientState state, ClientMode mode, int agents, DateOnly? expires, DateTimeOffset created)
        {
            var settings = new InstanceSettings(company, op == us ? "America/New_York" : "Europe/Rome", agents, 365, expires,
                state, mode == ClientMode.Removed ? ClientMode.Expired : mode,
                "Jane Doe", $"it@{name}.example.com", "Accounts", $"billing@{name}.example.com", null, null);
            var instance = Instance.Create(op.ResellerId, op.Id, name, settings, password, mayUseTest: true, created, "demo-seed");
            instance.MarkProvisioned(created.AddMinutes(7));
            if (mode == ClientMode.Removed)
            {
                instance.Update(settings with { Mode = ClientMode.Removed }, true, created.AddDays(1), "demo-seed");
                instance.MarkRestarted();
            }

            instances.Add(instance);
            return instance;
        }

        var states = new[] { ClientState.Sold, ClientState.Sold, ClientState.Demo, ClientState.Sold };
        var modes = new[] { ClientMode.On, ClientMode.On, ClientMode.On, ClientMode.Expired, ClientMode.On, ClientMode.Removed };
        for (var i = 0; i < 36; i++)
        {
            var op = i % 2 == 0 ? eu : us;
            var company = Companies[i % Companies.Length] + (i >= Companies.Length ? " " + (op == eu ? "Europe" : "Americas") : string.Empty);
            var name = $"{(op == eu ? "eu" : "us")}-{Companies[i % Companies.Length].Split(' ')[0].ToLowerInvariant()}{(i >= Companies.Length ? "2" : string.Empty)}";
            DateOnly? expires = i % 5 == 0 ? today.AddDays(-10 - i) : i % 3 == 0 ? today.AddDays(90 + i) : null;
            // EU and US each get every state and mode: both operators see the same (state, mode) cycle.
            var state = states[i / 2 % states.Length];
            // A demo runs once per customer: later demos of the same company become sales.
            if (state == ClientState.Demo && i >= Companies.Length)
            {
                state = ClientState.Sold;
            }

            Add(op, name, company, state, modes[i / 2 % modes.Length], 5 + (i * 7 % 60), expires, now.AddDays(-(i % 20) - 1));
        }

        Add(eu, "eu-test", "Alpha Telecom (test)", ClientState.Test, ClientMode.On, 5, null, now.AddDays(-200));
        Add(us, "us-test", "Alpha Telecom US (test)", ClientState.Test, ClientMode.On, 5, null, now.AddDays(-200));
        Add(eu, "eu-oldtrial", "Vintage Wines", ClientState.Demo, ClientMode.On, 10, null, now.AddDays(-45));
        var fresh = Instance.Create(us.ResellerId, us.Id, "us-newcomer", new InstanceSettings("Newcomer Inc", "America/Chicago", 20, 365, null,
            ClientState.Sold, ClientMode.On, "Sam Smith", "sam@newcomer.example.com", null, null, null, null), password, false, now, "demo-seed");
        instances.Add(fresh);
        var restarting = Add(eu, "eu-growing", "Growing Ltd", ClientState.Sold, ClientMode.On, 25, null, now.AddDays(-60));
        restarting.Update(restarting.Settings with { MaxAgents = 40 }, false, now, "demo-seed");

        Add(beta, "beta-harbor", "Harbor Freight Lines", ClientState.Sold, ClientMode.On, 30, null, now.AddDays(-90));
        Add(beta, "beta-meadow", "Meadow Clinics", ClientState.Demo, ClientMode.On, 5, null, now.AddDays(-5));
        Add(beta, "beta-ridge", "Ridge Security", ClientState.Sold, ClientMode.Expired, 12, today.AddDays(-2), now.AddDays(-120));
        Add(beta, "beta-test", "Beta Voice (test)", ClientState.Test, ClientMode.On, 5, null, now.AddDays(-300));

        db.Instances.AddRange(instances);
        await db.SaveChangesAsync(ct);
    }
}
