using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace ReferenceHost;

// The "EF floor" (issue 14): the reference's client page with its one query written in LINQ and run by EF Core, through a
// DbContext made per request (as the portal's) or rented from EF's pool. Nothing else differs from ClientsController: no
// layout, authentication, tenancy or count. What the two lose against the raw query is EF's own cost on this machine.

public sealed class FloorClient
{
    public Guid Id { get; set; }
    public Guid ResellerId { get; set; }
    public Guid? OperatorId { get; set; }
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
    public string Company { get; set; } = "";
    public string Email { get; set; } = "";
    public string Phone { get; set; } = "";
    public string Status { get; set; } = "";
    public string Currency { get; set; } = "";
    public string SearchText { get; set; } = "";
    public string SortName { get; set; } = "";
    public DateTimeOffset? DeletedAt { get; set; }
}

public sealed class FloorOperator
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
}

public sealed class FloorLedgerEntry
{
    public Guid Id { get; set; }
    public Guid ClientId { get; set; }
    public decimal Amount { get; set; }
}

public abstract class FloorDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<FloorClient> Clients => Set<FloorClient>();
    public DbSet<FloorOperator> Operators => Set<FloorOperator>();
    public DbSet<FloorLedgerEntry> LedgerEntries => Set<FloorLedgerEntry>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<FloorClient>().ToTable("Clients");
        modelBuilder.Entity<FloorOperator>().ToTable("Operators");
        modelBuilder.Entity<FloorLedgerEntry>().ToTable("LedgerEntries");
    }

    public async Task<List<ClientRow>> PageAsync(Guid reseller, string? q, string? key, Guid? id, CancellationToken ct)
    {
        var query = Clients.AsNoTracking().Where(c => c.ResellerId == reseller && c.DeletedAt == null);
        if (q is not null)
        {
            var pattern = "%" + q.ToLowerInvariant() + "%";
            query = query.Where(c => EF.Functions.Like(c.SearchText, pattern));
        }

        if (key is not null)
        {
            var after = id ?? Guid.Empty;
            query = query.Where(c => EF.Functions.GreaterThan(ValueTuple.Create(c.SortName, c.Id), ValueTuple.Create(key, after)));
        }

        var rows = await query.OrderBy(c => c.SortName).ThenBy(c => c.Id).Take(51)
            .Select(c => new ClientRow(
                c.Id, c.FirstName, c.LastName, c.Company, c.Email, c.Phone, c.Status, c.Currency,
                LedgerEntries.Where(l => l.ClientId == c.Id).Sum(l => l.Amount),
                Operators.Where(o => o.Id == c.OperatorId).Select(o => o.Name).FirstOrDefault()))
            .ToListAsync(ct);
        return rows.Take(50).Select(r => r with { Status = r.Status.ToUpperInvariant() }).ToList();
    }
}

/// <summary>Made per request, as the portal's context is.</summary>
public sealed class ScopedFloorDb(DbContextOptions<ScopedFloorDb> options) : FloorDb(options);

/// <summary>Rented from EF's pool (<c>AddDbContextPool</c>).</summary>
public sealed class PooledFloorDb(DbContextOptions<PooledFloorDb> options) : FloorDb(options);

public sealed class EfFloorController : Controller
{
    [HttpGet("/ef/clients")]
    public async Task<IActionResult> Scoped([FromServices] ScopedFloorDb db, Guid reseller, string? q, string? key, Guid? id, CancellationToken ct) =>
        View("~/Views/Clients/Index.cshtml", await db.PageAsync(reseller, q, key, id, ct));

    [HttpGet("/ef-pooled/clients")]
    public async Task<IActionResult> Pooled([FromServices] PooledFloorDb db, Guid reseller, string? q, string? key, Guid? id, CancellationToken ct) =>
        View("~/Views/Clients/Index.cshtml", await db.PageAsync(reseller, q, key, id, ct));
}
