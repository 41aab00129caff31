using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Support;

/// <summary>One throwaway PostgreSQL cluster for the whole run; each test class makes its own database.</summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    public PostgresServer Server { get; private set; } = null!;

    public async Task InitializeAsync() => Server = await PostgresServer.StartAsync();

    public async Task DisposeAsync() => await Server.DisposeAsync();
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresFixture>
{
    public const string Name = "postgres";
}

/// <summary>A test class with its own migrated, demo-seeded database and a running portal over it.</summary>
[Collection(PostgresCollection.Name)]
public abstract class PortalTest(PostgresFixture postgres) : IAsyncLifetime
{
    protected PostgresFixture Postgres { get; } = postgres;

    protected PortalFactory Portal { get; private set; } = null!;

    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    /// <summary>Services the test class puts in place of the portal's (see <see cref="PortalFactory.Replace"/>).</summary>
    protected virtual void ReplaceServices(IServiceCollection services)
    {
    }

    public virtual async Task InitializeAsync()
    {
        var connectionString = await Postgres.Server.CreateDatabaseAsync(GetType().Name);
        Portal = new PortalFactory(connectionString, Settings) { Replace = ReplaceServices };
        await Portal.SeedDemoAsync();
    }

    public virtual async Task DisposeAsync()
    {
        await Portal.DisposeAsync();
        // Every test has its own database and so its own pools (the app's and the scheduler's): close
        // them now rather than when idle pruning gets round to it, or the server runs out of connections.
        Npgsql.NpgsqlConnection.ClearAllPools();
    }

    /// <summary>Runs a query or change against the portal's database as the platform (every tenant).</summary>
    protected async Task<T> AsPlatformAsync<T>(Func<PortalDbContext, Task<T>> work)
    {
        await using var scope = Portal.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<PortalDbContext>();
        db.Tenant.UsePlatform();
        return await work(db);
    }

    protected Task<Guid> ResellerIdAsync(string slug) =>
        AsPlatformAsync(db => db.Resellers.Where(r => r.Slug == slug).Select(r => r.Id).SingleAsync());

    /// <summary>An operator by its name (the demo names EU, US and Main are unique across resellers).</summary>
    protected Task<Guid> OperatorIdAsync(string name) =>
        AsPlatformAsync(db => db.Operators.Where(o => o.Name == name).Select(o => o.Id).SingleAsync());

    protected Task<Guid> UserIdAsync(string email) =>
        AsPlatformAsync(db => db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    protected Browser NewBrowser(PortalFactory? portal = null) => new(portal ?? Portal);

    protected async Task<Browser> SignedInAsync(string email, PortalFactory? portal = null)
    {
        var browser = NewBrowser(portal);
        var login = await browser.LoginAsync(email);
        // A refused login re-shows the form (200); a signed-in one is sent on to the role's home page.
        Assert.True(login.StatusCode == System.Net.HttpStatusCode.Redirect && login.Headers.Location?.OriginalString.StartsWith("/account/login", StringComparison.Ordinal) == false,
            $"Signing in as {email} did not work: {(int)login.StatusCode} {login.Headers.Location}");
        return browser;
    }
}
