using System.Reflection;
using Npgsql;

namespace ResellerPortal.Web.Data;

/// <summary>
/// Applies the hand-written SQL migrations embedded under <c>Data/Migrations</c> (EF Core Design is not
/// available here, see README). Scripts run in name order, each in its own transaction, once; a
/// PostgreSQL advisory lock makes nodes that start together wait for each other instead of racing.
/// </summary>
public sealed class MigrationRunner(ILogger<MigrationRunner> logger)
{
    /// <summary>An arbitrary constant shared by every node: "RPMIGRAT" as a 64-bit number.</summary>
    private const long LockKey = 0x52504D4947524154;

    public static IReadOnlyList<(string Id, string Sql)> Scripts()
    {
        var assembly = typeof(MigrationRunner).Assembly;
        const string prefix = "ResellerPortal.Web.Data.Migrations.";
        return assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(n => (n[prefix.Length..^4], Read(assembly, n)))
            .ToList();
    }

    public async Task<IReadOnlyList<string>> MigrateAsync(string connectionString, CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        var applied = new List<string>();
        try
        {
            await ExecuteAsync(connection, null, """
                CREATE TABLE IF NOT EXISTS "__schema_migrations" (
                    id text PRIMARY KEY,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, cancellationToken);
            var done = new HashSet<string>(StringComparer.Ordinal);
            await using (var command = new NpgsqlCommand("""SELECT id FROM "__schema_migrations" """, connection))
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                while (await reader.ReadAsync(cancellationToken))
                {
                    done.Add(reader.GetString(0));
                }
            }

            foreach (var (id, sql) in Scripts().Where(s => !done.Contains(s.Id)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await ExecuteAsync(connection, transaction, sql, cancellationToken);
                await using (var record = new NpgsqlCommand("""INSERT INTO "__schema_migrations" (id) VALUES (@id)""", connection, transaction))
                {
                    record.Parameters.AddWithValue("id", id);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Migration}", id);
                applied.Add(id);
            }
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static string Read(Assembly assembly, string name)
    {
        using var stream = assembly.GetManifestResourceStream(name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
