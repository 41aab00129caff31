using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>Builds a real reseller of the test's own in the test database.</summary>
public sealed class ResellerBuilder(string slug)
{
    private string _name = "Builder Reseller " + slug;
    private DateTimeOffset _at = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public ResellerBuilder Named(string name)
    {
        _name = name;
        return this;
    }

    public ResellerBuilder At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    public async Task<Reseller> SaveAsync(PortalDbContext db)
    {
        var reseller = new Reseller(_name, slug, _at);
        db.Resellers.Add(reseller);
        await db.SaveChangesAsync();
        return reseller;
    }
}
