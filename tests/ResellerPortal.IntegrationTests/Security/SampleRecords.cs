using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Security;

/// <summary>
/// One real record of Alpha (or of the platform) per kind of record a route can name, keyed by the path
/// segment that precedes the id in the route (<c>clients/{id}</c>): what route-walking tests put in an address.
/// </summary>
public static class SampleRecords
{
    public static async Task<Dictionary<string, Guid>> OfAlphaAsync(PortalDbContext db)
    {
        var alpha = await db.Resellers.Where(r => r.Slug == "alpha").Select(r => r.Id).SingleAsync();
        return new Dictionary<string, Guid>
        {
            ["clients"] = await db.Clients.Where(c => c.ResellerId == alpha).OrderBy(c => c.Email).Select(c => c.Id).FirstAsync(),
            ["subaccounts"] = await db.SubAccounts.Where(s => s.ResellerId == alpha && s.ClientId != null).OrderBy(s => s.Name).Select(s => s.Id).FirstAsync(),
            ["packages"] = await db.Packages.Where(p => p.ResellerId == alpha).OrderBy(p => p.Name).Select(p => p.Id).FirstAsync(),
            ["dids"] = await db.Dids.Where(d => d.ResellerId == alpha && d.SubAccountId != null).OrderBy(d => d.Number).Select(d => d.Id).FirstAsync(),
            ["instances"] = await db.Instances.Where(i => i.ResellerId == alpha).OrderBy(i => i.Name).Select(i => i.Id).FirstAsync(),
            ["keys"] = await db.LicenceActivations.Where(a => a.ResellerId == alpha).OrderBy(a => a.RequestedAt).Select(a => a.PpkId).FirstAsync(),
            ["resellers"] = alpha,
            ["hostnames"] = await db.ResellerHostnames.Where(h => h.ResellerId == alpha).OrderBy(h => h.Hostname).Select(h => h.Id).FirstAsync(),
            ["operators"] = await db.Operators.Where(o => o.ResellerId == alpha).OrderBy(o => o.Name).Select(o => o.Id).FirstAsync(),
            ["outbox"] = await db.OutboxMessages.Select(m => m.Id).FirstOrDefaultAsync(),
            ["users"] = await db.Users.Where(u => u.Email == DemoSeeder.Staff1Email).Select(u => u.Id).SingleAsync(),
        };
    }

    /// <summary>A route parameter names a record of the kind of the path segment before it (<c>clients/{clientId}</c>).</summary>
    public static string KindOf(string template, string parameter)
    {
        var segments = template.Trim('/').Split('/');
        var index = Array.FindIndex(segments, s => s.StartsWith("{" + parameter, StringComparison.Ordinal));
        // notes/{entityType}/{id}: the tests name clients.
        return index <= 0 ? "?" : segments[index - 1] == "{entityType}" ? "clients" : segments[index - 1];
    }
}
