using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Infrastructure;

// Our own switches are taken out before the configuration sees the arguments.
var seedDemo = args.Contains("--seed-demo");
var printModelSql = args.Contains("--print-model-sql");
args = [.. args.Where(a => a is not ("--seed-demo" or "--print-model-sql"))];

var builder = WebApplication.CreateBuilder(args);
PortalLogging.Configure(builder);

if (printModelSql)
{
    // Prints the schema the EF model expects; the starting point for a hand-written migration (README).
    Console.WriteLine(ModelSql.CreateScript());
    return;
}

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

await app.Services.GetRequiredService<MigrationRunner>().MigrateAsync(connectionString);
if (seedDemo || builder.Configuration.GetValue<bool>("Portal:SeedDemo"))
{
    await using var scope = app.Services.CreateAsyncScope();
    await scope.ServiceProvider.GetRequiredService<DemoSeeder>().SeedAsync();
}

await app.RunAsync();

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
