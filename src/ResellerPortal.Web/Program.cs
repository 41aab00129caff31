using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Infrastructure;

// Our own switches are taken out before the configuration sees the arguments.
var seedDemo = args.Contains("--seed-demo");
args = [.. args.Where(a => a is not "--seed-demo")];

var builder = WebApplication.CreateBuilder(args);
PortalLogging.Configure(builder);

var connectionString = builder.Configuration.GetConnectionString("Portal");
if (string.IsNullOrWhiteSpace(connectionString))
{
    Console.Error.WriteLine("No database configured: set ConnectionStrings__Portal, or start the portal with ./run.sh, which runs a private PostgreSQL.");
    Environment.ExitCode = 2;
    return;
}

builder.Services.AddPortal(builder.Configuration, connectionString);
var app = builder.Build();
app.UsePortal();

await DatabaseMigrator.MigrateAsync(app.Services);
if (seedDemo || builder.Configuration.GetValue<bool>("Portal:SeedDemo"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

await app.RunAsync();

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
