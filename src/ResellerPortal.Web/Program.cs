using ResellerPortal.Web.Data;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Infrastructure;
using Serilog;

// Logging in two stages (README, "Logging"): this console logger exists before the configuration is
// read, so a failure while the host is built, the database migrated or the server started is logged.
Log.Logger = PortalLogging.CreateBootstrapLogger();
try
{
    // Our own switches are taken out before the configuration sees the arguments.
    var seedDemo = args.Contains("--seed-demo");
    args = [.. args.Where(a => a is not "--seed-demo")];

    var builder = WebApplication.CreateBuilder(args);
    // The host's own logger, from the "Serilog" section of the configuration and from services (sinks that
    // a test registers). It leaves the static Log.Logger alone: several hosts share one process in the tests.
    builder.Services.AddSerilog(
        (services, logger) => logger.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(services),
        preserveStaticLogger: true);

    var connectionString = builder.Configuration.GetConnectionString("Portal");
    if (string.IsNullOrWhiteSpace(connectionString))
    {
        Log.ForContext<Program>().Fatal("No database configured: set ConnectionStrings__Portal, or start the portal with ./run.sh, which runs a private PostgreSQL.");
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
}
// HostAbortedException is how tools that only build the host (dotnet-ef, WebApplicationFactory) stop it.
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.ForContext<Program>().Fatal(ex, "The portal failed to start or stopped unexpectedly");
    // As a process, the line above is the report and the exit code says it failed. A host started by
    // another program (WebApplicationFactory in the tests) hands the exception to that program.
    if (!PortalLogging.RunsAsProcess)
    {
        throw;
    }

    Environment.ExitCode = 1;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>Entry point, public so the integration tests can host it.</summary>
public partial class Program;
