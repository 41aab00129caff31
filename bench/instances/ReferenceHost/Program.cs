using Microsoft.EntityFrameworkCore;
using Npgsql;
using ReferenceHost;

var builder = WebApplication.CreateBuilder(args);
builder.Logging.ClearProviders();
builder.Services.AddControllersWithViews();
var connectionString = builder.Configuration.GetConnectionString("Portal")
    ?? throw new InvalidOperationException("ConnectionStrings__Portal is required.");
var data = NpgsqlDataSource.Create(connectionString);
builder.Services.AddSingleton(data);
// The EF floor (EfFloor.cs): the same client page through EF Core, per request and pooled, on the raw pages' data
// source (one pool of connections for all three).
builder.Services.AddDbContext<ScopedFloorDb>(o => o.UseNpgsql(data), ServiceLifetime.Scoped, ServiceLifetime.Singleton);
builder.Services.AddDbContextPool<PooledFloorDb>(o => o.UseNpgsql(data));
var app = builder.Build();
app.MapControllers();
await app.RunAsync();
