using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.Data;

namespace ResellerPortal.IntegrationTests.Data;

/// <summary>
/// The hand-written migrations must build exactly the schema the EF model describes: a database
/// migrated by <see cref="MigrationRunner"/> is compared with one created from the model's own DDL.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class MigrationsMatchModelTests(PostgresFixture postgres)
{
    [Fact]
    public async Task Migrated_schema_equals_the_EF_model()
    {
        var migrated = await postgres.Server.CreateDatabaseAsync("migrated");
        await new MigrationRunner(NullLogger<MigrationRunner>.Instance).MigrateAsync(migrated);

        var modelled = await postgres.Server.CreateDatabaseAsync("modelled");
        await ExecuteAsync(modelled, ModelSql.CreateScript());

        var expected = await DescribeAsync(modelled);
        var actual = await DescribeAsync(migrated);
        Assert.NotEmpty(expected);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task Migrations_are_applied_once_even_when_nodes_start_together()
    {
        var database = await postgres.Server.CreateDatabaseAsync("racing");
        var runner = new MigrationRunner(NullLogger<MigrationRunner>.Instance);

        var results = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => runner.MigrateAsync(database)));

        // Exactly one node applied each script; the others waited for the lock and found nothing to do.
        Assert.Equal(MigrationRunner.Scripts().Count, results.Sum(r => r.Count));
        Assert.Empty(await runner.MigrateAsync(database));
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Tables, columns (type, nullability, default, identity), indexes and constraints, as sorted text lines.</summary>
    private static async Task<List<string>> DescribeAsync(string connectionString)
    {
        const string sql = """
            SELECT 'column ' || c.relname || '.' || a.attname || ' ' || format_type(a.atttypid, a.atttypmod)
                   || CASE WHEN a.attnotnull THEN ' not null' ELSE ' null' END
                   || coalesce(' default ' || pg_get_expr(d.adbin, d.adrelid), '')
                   || CASE WHEN a.attidentity <> '' THEN ' identity ' || a.attidentity::text ELSE '' END
            FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_namespace n ON n.oid = c.relnamespace
            LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
              AND c.relname <> '__schema_migrations'
            UNION ALL
            SELECT 'index ' || indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__schema_migrations'
            UNION ALL
            SELECT 'constraint ' || rel.relname || ' ' || con.conname || ' ' || pg_get_constraintdef(con.oid)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace n ON n.oid = rel.relnamespace
            WHERE n.nspname = 'public' AND rel.relname <> '__schema_migrations'
            """;
        var lines = new List<string>();
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        lines.Sort(StringComparer.Ordinal);
        return lines;
    }
}
