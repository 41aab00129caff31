using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>Builds a real operator of a reseller (by slug) in the test database; save as the platform.</summary>
public sealed class OperatorBuilder(string name)
{
    private string _reseller = "alpha";
    private string _domain = name.ToLowerInvariant() + ".builder.example.com";
    private DateOnly? _certificateExpiresOn;
    private DateTimeOffset _at = new(2026, 1, 5, 12, 0, 0, TimeSpan.Zero);

    public OperatorBuilder Of(string resellerSlug)
    {
        _reseller = resellerSlug;
        return this;
    }

    public OperatorBuilder On(string domain)
    {
        _domain = domain;
        return this;
    }

    public OperatorBuilder CertificateExpiring(DateOnly on)
    {
        _certificateExpiresOn = on;
        return this;
    }

    public OperatorBuilder At(DateTimeOffset at)
    {
        _at = at;
        return this;
    }

    public async Task<Operator> SaveAsync(PortalDbContext db)
    {
        var resellerId = await db.Resellers.Where(r => r.Slug == _reseller).Select(r => r.Id).SingleAsync();
        var op = new Operator(resellerId, name, _domain, _at);
        op.SetCertificateExpiry(_certificateExpiresOn);
        db.Operators.Add(op);
        await db.SaveChangesAsync();
        return op;
    }
}
