using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Tenancy;

namespace ResellerPortal.IntegrationTests.Data;

/// <summary>
/// The EF Core migrations build exactly the schema the model describes, plus what the model cannot
/// say (written with migrationBuilder.Sql), and nodes that start together apply them once.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationTests(PostgresFixture postgres)
{
    /// <summary>What the migrations add with migrationBuilder.Sql, as <see cref="SchemaDescription"/> lists it.</summary>
    private static readonly string[] Extras =
    [
        "function ledger_entries_append_only",
        "trigger LedgerEntries CREATE TRIGGER ledger_entries_append_only BEFORE DELETE OR UPDATE ON public.\"LedgerEntries\" FOR EACH ROW EXECUTE FUNCTION ledger_entries_append_only()",
        "function ledger_entries_maintain_balance",
        "trigger LedgerEntries CREATE TRIGGER ledger_entries_maintain_balance AFTER INSERT ON public.\"LedgerEntries\" REFERENCING NEW TABLE AS inserted FOR EACH STATEMENT EXECUTE FUNCTION ledger_entries_maintain_balance()",
    ];

    [Fact]
    public async Task Migrated_schema_equals_the_EF_model_plus_the_ledger_guard()
    {
        var migrated = await postgres.Server.CreateDatabaseAsync("migrated");
        await MigrateAsync(migrated);

        var modelled = await postgres.Server.CreateDatabaseAsync("modelled");
        await using (var db = NewContext(modelled))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var expected = await SchemaDescription.ReadAsync(modelled);
        var actual = await SchemaDescription.ReadAsync(migrated);
        Assert.Contains(expected, line => line.StartsWith("index CREATE INDEX \"IX_Instances_Name_Trigram\"", StringComparison.Ordinal));
        Assert.Equal(expected.Concat(Extras).Order(StringComparer.Ordinal), actual);

        // The one network-status row every node reads, created by the migration rather than by a racing node.
        Assert.Equal(1L, await ScalarAsync<long>(migrated, """SELECT count(*) FROM "NetworkStatus" WHERE "Id" = 1 AND "FeedIndicator" = 'Unknown'"""));
        Assert.Equal(await MigrationIdsAsync(), await HistoryAsync(migrated));
    }

    [Fact]
    public async Task The_model_has_no_changes_that_no_migration_carries_in_any_tenant_variant()
    {
        var variants = new Action<TenantContext>[]
        {
            _ => { },
            t => t.UsePlatform(),
            t => t.UseReseller(Guid.NewGuid()),
            t => t.UseReseller(Guid.NewGuid(), [Guid.NewGuid()]),
        };
        await using var reference = NewContext("Host=model-only");
        var differ = reference.GetService<IMigrationsModelDiffer>();
        var referenceModel = reference.GetService<IDesignTimeModel>().Model.GetRelationalModel();
        foreach (var variant in variants)
        {
            var tenant = new TenantContext();
            variant(tenant);
            await using var db = NewContext("Host=model-only", tenant);

            Assert.False(db.Database.HasPendingModelChanges(), $"The model ({db.ModelVariant}) has changes no migration carries: run 'dotnet ef migrations add <Name> --project src/ResellerPortal.Web'.");
            // Query filters differ between the variants; the tables they map must not.
            Assert.False(differ.HasDifferences(referenceModel, db.GetService<IDesignTimeModel>().Model.GetRelationalModel()), $"The {db.ModelVariant} model maps another schema.");
        }
    }

    [Fact]
    public async Task Two_hosts_starting_together_on_an_empty_database_both_start_and_apply_each_migration_once()
    {
        var database = await postgres.Server.CreateDatabaseAsync("two_hosts");
        await using var first = new PortalFactory(database);
        await using var second = new PortalFactory(database);

        // Program migrates before the host starts: creating the clients starts both at once.
        var clients = await Task.WhenAll(Task.Run(first.CreateClient), Task.Run(second.CreateClient));

        foreach (var client in clients)
        {
            var response = await client.GetAsync("/account/login");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        }

        Assert.Equal(await MigrationIdsAsync(), await HistoryAsync(database));
        Assert.Equal(1L, await ScalarAsync<long>(database, """SELECT count(*) FROM "NetworkStatus" """));
        NpgsqlConnection.ClearAllPools();
    }

    [Fact]
    public async Task Migrators_racing_on_an_empty_database_all_succeed()
    {
        var database = await postgres.Server.CreateDatabaseAsync("racing");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => MigrateAsync(database))));

        Assert.Equal(await MigrationIdsAsync(), await HistoryAsync(database));
        Assert.Empty(await NewContext(database).Database.GetPendingMigrationsAsync());
    }

    internal static async Task<List<string>> MigrationIdsAsync()
    {
        await using var db = NewContext("Host=model-only");
        return [.. db.Database.GetMigrations().Order(StringComparer.Ordinal)];
    }

    internal static async Task MigrateAsync(string connectionString)
    {
        await using var db = NewContext(connectionString);
        await new DatabaseMigrator(db, NullLogger<DatabaseMigrator>.Instance).MigrateAsync();
    }

    /// <summary>A context as the app builds it (the same model cache key factory), without the web host.</summary>
    internal static PortalDbContext NewContext(string connectionString, TenantContext? tenant = null) =>
        new(new DbContextOptionsBuilder<PortalDbContext>()
                .UseNpgsql(connectionString)
                .ReplaceService<IModelCacheKeyFactory, TenantModelCacheKeyFactory>()
                .Options,
            tenant ?? new TenantContext(),
            new ResellerPortal.Web.Auditing.AuditActorAccessor(new Microsoft.AspNetCore.Http.HttpContextAccessor()));

    internal static async Task<List<string>> HistoryAsync(string connectionString)
    {
        var ids = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    internal static async Task<T> ScalarAsync<T>(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
