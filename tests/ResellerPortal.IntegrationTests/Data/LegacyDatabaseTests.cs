using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Tests.Shared;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Data;

/// <summary>
/// A database made by the earlier SQL migration runner (an existing .data/postgres, a production
/// database) is taken over by EF Core's migrations with its data and Data Protection keys, or refused
/// with what to do when it is not the schema the baseline stands for.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class LegacyDatabaseTests(PostgresFixture postgres)
{
    private const string Purpose = "LegacyDatabaseTests";
    private const string Payload = "still signed in";

    [Fact]
    public async Task A_database_of_the_earlier_runner_is_taken_over_and_keeps_its_keys()
    {
        var database = await CreateLegacyDatabaseAsync(LegacyScripts.Count);
        // Quartz's tables as the earlier version left them (its scheduler provisioned them at start-up).
        await ExecuteAsync(database, """
            CREATE TABLE qrtz_locks (sched_name text, lock_name text);
            CREATE TABLE qrtz_execution_history (id text);
            """);
        var (keyXml, protectedPayload) = KeyOfTheEarlierVersion();
        await using (var connection = new NpgsqlConnection(database))
        {
            await connection.OpenAsync();
            await using var insert = new NpgsqlCommand("""INSERT INTO "DataProtectionKeys" ("FriendlyName", "Xml") VALUES ('key-earlier', @xml)""", connection);
            insert.Parameters.AddWithValue("xml", keyXml);
            await insert.ExecuteNonQueryAsync();
        }

        await using (var portal = new PortalFactory(database))
        {
            var response = await portal.CreateClient().GetAsync("/account/login");
            Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);

            // The app's key ring is the earlier one: what it protected, this version reads.
            var protector = portal.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose);
            Assert.Equal(Payload, protector.Unprotect(protectedPayload));
        }

        NpgsqlConnection.ClearAllPools();
        Assert.Equal(1L, await MigrationTests.ScalarAsync<long>(database, """SELECT count(*) FROM "DataProtectionKeys" WHERE "FriendlyName" = 'key-earlier'"""));
        Assert.Equal(1L, await MigrationTests.ScalarAsync<long>(database, """SELECT count(*) FROM "DataProtectionKeys" """));
        Assert.Equal(await MigrationTests.MigrationIdsAsync(), await MigrationTests.HistoryAsync(database));

        Assert.False(await MigrationTests.ScalarAsync<bool>(database, $"SELECT to_regclass('{DatabaseMigrator.LegacyHistoryTable}') IS NOT NULL"));
        Assert.Equal(0L, await MigrationTests.ScalarAsync<long>(database, @"SELECT count(*) FROM pg_tables WHERE tablename LIKE 'qrtz\_%'"));

        var fresh = await postgres.Server.CreateDatabaseAsync("fresh");
        await MigrationTests.MigrateAsync(fresh);
        Assert.Equal(await SchemaDescription.ReadAsync(fresh), await SchemaDescription.ReadAsync(database));
    }

    [Fact]
    public async Task A_database_of_the_earlier_runner_without_all_its_scripts_is_refused_with_what_to_do()
    {
        var database = await CreateLegacyDatabaseAsync(LegacyScripts.Count - 1);

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrationTests.MigrateAsync(database));

        Assert.Contains("[0001_initial, 0002_instances, 0003_clients]", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Start the previous version of the portal", refusal.Message, StringComparison.Ordinal);
        Assert.False(await MigrationTests.ScalarAsync<bool>(database, """SELECT to_regclass('"__EFMigrationsHistory"') IS NOT NULL"""));
        Assert.Equal(3L, await MigrationTests.ScalarAsync<long>(database, $"SELECT count(*) FROM {DatabaseMigrator.LegacyHistoryTable}"));

        // The portal itself does not start on it, and says why.
        await using var portal = new PortalFactory(database);
        var startup = Assert.ThrowsAny<Exception>(() => portal.CreateClient());
        Assert.Contains("Start the previous version of the portal", startup.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Portal_tables_without_any_migrations_history_are_refused()
    {
        var database = await postgres.Server.CreateDatabaseAsync("no_history");
        await using (var db = MigrationTests.NewContext(database))
        {
            await db.Database.EnsureCreatedAsync();
        }

        var refusal = await Assert.ThrowsAsync<InvalidOperationException>(() => MigrationTests.MigrateAsync(database));

        Assert.Contains("no migrations history", refusal.Message, StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> LegacyScripts => DatabaseMigrator.LegacyScripts;

    /// <summary>A database as the earlier runner left it: its history table and the first <paramref name="scripts"/> scripts, each in a transaction.</summary>
    private async Task<string> CreateLegacyDatabaseAsync(int scripts)
    {
        var database = await postgres.Server.CreateDatabaseAsync("legacy");
        await ExecuteAsync(database, $"""
            CREATE TABLE "{DatabaseMigrator.LegacyHistoryTable}" (
                id text PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now())
            """);
        foreach (var id in LegacyScripts.Take(scripts))
        {
            await ExecuteAsync(database, $"""
                BEGIN;
                {ReadScript(id)}
                INSERT INTO "{DatabaseMigrator.LegacyHistoryTable}" (id) VALUES ('{id}');
                COMMIT;
                """);
        }

        return database;
    }

    /// <summary>The earlier runner's scripts, kept as they were shipped.</summary>
    private static string ReadScript(string id)
    {
        var assembly = typeof(LegacyDatabaseTests).Assembly;
        using var stream = assembly.GetManifestResourceStream($"ResellerPortal.IntegrationTests.Data.LegacySql.{id}.sql")
            ?? throw new InvalidOperationException($"The legacy script {id} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>A key made by Data Protection as the earlier version configured it, and a payload it protected.</summary>
    private static (string KeyXml, string ProtectedPayload) KeyOfTheEarlierVersion()
    {
        var repository = new CollectingXmlRepository();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().SetApplicationName("ResellerPortal");
        services.Configure<KeyManagementOptions>(options => options.XmlRepository = repository);
        using var provider = services.BuildServiceProvider();
        var protectedPayload = provider.GetRequiredService<IDataProtectionProvider>().CreateProtector(Purpose).Protect(Payload);
        return (Assert.Single(repository.Elements).ToString(SaveOptions.DisableFormatting), protectedPayload);
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private sealed class CollectingXmlRepository : IXmlRepository
    {
        public List<XElement> Elements { get; } = [];

        public IReadOnlyCollection<XElement> GetAllElements() => [.. Elements];

        public void StoreElement(XElement element, string friendlyName) => Elements.Add(element);
    }
}
