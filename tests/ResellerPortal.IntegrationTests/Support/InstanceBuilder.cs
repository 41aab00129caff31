using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>Builds real instances in the test database, as the domain creates them.</summary>
public sealed class InstanceBuilder(string name)
{
    private string _operator = "EU";
    private string _reseller = "alpha";
    private ClientState _state = ClientState.Sold;
    private ClientMode _mode = ClientMode.On;
    private string _longName = "Builder Co " + name;
    private DateTimeOffset _at = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public InstanceBuilder Of(string reseller, string operatorName)
    {
        _reseller = reseller;
        _operator = operatorName;
        return this;
    }

    public InstanceBuilder In(ClientState state, ClientMode mode = ClientMode.On)
    {
        _state = state;
        _mode = mode;
        return this;
    }

    public InstanceBuilder For(string longName)
    {
        _longName = longName;
        return this;
    }

    public InstanceBuilder At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    public async Task<Instance> SaveAsync(PortalDbContext db)
    {
        var op = await db.Operators.IgnoreQueryFilters()
            .Join(db.Resellers, o => o.ResellerId, r => r.Id, (o, r) => new { o, r })
            .Where(x => x.r.Slug == _reseller && x.o.Name == _operator)
            .Select(x => x.o)
            .SingleAsync();
        var settings = new InstanceSettings(_longName, "Europe/Rome", 10, 365, null, _state, _mode == ClientMode.Removed ? ClientMode.Expired : _mode,
            null, null, null, null, null, null);
        var instance = Instance.Create(op.ResellerId, op.Id, name, settings, "protected", mayUseTest: true, _at, "builder");
        instance.MarkProvisioned(_at);
        if (_mode == ClientMode.Removed)
        {
            instance.Update(settings with { Mode = ClientMode.Removed }, true, _at, "builder");
            instance.MarkRestarted();
        }

        db.Instances.Add(instance);
        await db.SaveChangesAsync();
        return instance;
    }
}
