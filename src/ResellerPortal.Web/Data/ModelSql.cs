using Microsoft.EntityFrameworkCore;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.Web.Data;

/// <summary>The DDL that EF Core derives from the model, used to author migrations and to test them.</summary>
public static class ModelSql
{
    public static string CreateScript()
    {
        var options = new DbContextOptionsBuilder<PortalDbContext>().UseNpgsql("Host=model-only").Options;
        using var db = new PortalDbContext(options, new TenantContext());
        return db.Database.GenerateCreateScript();
    }
}
