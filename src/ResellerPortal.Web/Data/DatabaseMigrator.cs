using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;

namespace ResellerPortal.Web.Data;

/// <summary>
/// Brings the database to the model at start-up: takes over a database made by the earlier SQL
/// migration runner, then applies EF Core's pending migrations, all under one PostgreSQL advisory lock.
/// </summary>
/// <remarks>
/// EF's own migrate locks <c>__EFMigrationsHistory</c> (<c>LOCK TABLE … IN ACCESS EXCLUSIVE MODE</c>),
/// but only for a transaction, and it commits each migration on its own: between two migrations
/// another node takes the lock, sees the first applied, and both apply the second (four migrators
/// racing on an empty database in <c>MigrationTests</c> failed on a duplicate history row without
/// this lock). The advisory
/// lock, held by a session for the whole run, makes nodes take turns; the ones that waited find
/// nothing left to do. A node that dies releases it with its connection.
/// </remarks>
public sealed class DatabaseMigrator(PortalDbContext db, ILogger<DatabaseMigrator> logger)
{
    /// <summary>The earlier runner's history table; its presence marks a database it created.</summary>
    public const string LegacyHistoryTable = "__schema_migrations";

    /// <summary>The scripts the earlier runner applied; together they built exactly the baseline's schema.</summary>
    public static readonly IReadOnlyList<string> LegacyScripts = ["0001_initial", "0002_instances", "0003_clients", "0004_licences"];

    /// <summary>The earlier runner's advisory lock key ("RPMIGRAT"): a node of the earlier version starting now waits too.</summary>
    private const long LockKey = 0x52504D4947524154;

    public static string BaselineMigrationId { get; } = typeof(Migrations.Baseline).GetCustomAttribute<MigrationAttribute>()!.Id;

    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<DatabaseMigrator>().MigrateAsync(cancellationToken);
    }

    public async Task MigrateAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = new NpgsqlConnection(db.Database.GetConnectionString());
        await connection.OpenAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({LockKey})", cancellationToken);
        try
        {
            await TakeOverLegacyDatabaseAsync(connection, cancellationToken);
            await db.Database.MigrateAsync(cancellationToken);
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None);
        }
    }

    /// <summary>
    /// A database of the earlier runner has the baseline's schema (the baseline was generated from the
    /// model those four scripts were proven equal to) and no EF history: record the baseline as applied
    /// so that EF applies only what came after it. The Data Protection keys stay where they are: the
    /// key-store package reads the same table, in the same shape.
    /// </summary>
    private async Task TakeOverLegacyDatabaseAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var history = db.GetService<IHistoryRepository>();
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
        var legacy = await ExistsAsync(connection, LegacyHistoryTable, cancellationToken);
        var efHistory = await ExistsAsync(connection, HistoryRepository.DefaultTableName, cancellationToken);
        if (!legacy)
        {
            if (!efHistory && await ExistsAsync(connection, "AspNetUsers", cancellationToken))
            {
                throw new InvalidOperationException(
                    "The database has the portal's tables but no migrations history (neither \"__EFMigrationsHistory\" nor the earlier " +
                    $"runner's \"{LegacyHistoryTable}\"), so it is not known which schema it has. Restore it from a backup that has its history " +
                    "table, or point ConnectionStrings__Portal at an empty database (./run.sh: stop it and delete .data/postgres).");
            }

            if (!efHistory)
            {
                // An empty database. EF's migrate would read the history before creating it and log that
                // failed read as an error on every first start; an empty history table says the same thing.
                await ExecuteAsync(connection, history.GetCreateIfNotExistsScript(), cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }

            return;
        }

        var applied = new List<string>();
        await using (var command = new NpgsqlCommand($"SELECT id FROM \"{LegacyHistoryTable}\" ORDER BY id", connection))
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                applied.Add(reader.GetString(0));
            }
        }

        if (!applied.SequenceEqual(LegacyScripts, StringComparer.Ordinal))
        {
            throw new InvalidOperationException(
                $"The database was made by the earlier SQL migration runner, but its \"{LegacyHistoryTable}\" table lists " +
                $"[{string.Join(", ", applied)}] instead of exactly [{string.Join(", ", LegacyScripts)}], so its schema is not the one " +
                "this version takes over. Start the previous version of the portal (the last one with Data/Migrations/*.sql) once on " +
                "this database so that it applies all four scripts, then start this version again. If the data need not be kept, " +
                "use an empty database instead (./run.sh: stop it and delete .data/postgres).");
        }

        await ExecuteAsync(connection, history.GetCreateIfNotExistsScript(), cancellationToken);
        await ExecuteAsync(
            connection,
            $"{history.GetInsertScript(new HistoryRow(BaselineMigrationId, ProductInfo.GetVersion())).TrimEnd().TrimEnd(';')} ON CONFLICT DO NOTHING",
            cancellationToken);
        await ExecuteAsync(connection, $"DROP TABLE \"{LegacyHistoryTable}\"", cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        logger.LogInformation(
            "Took over a database of the earlier SQL migration runner ({Scripts}): recorded {Baseline} as applied; its Data Protection keys are kept",
            string.Join(", ", applied), BaselineMigrationId);
    }

    private static async Task<bool> ExistsAsync(NpgsqlConnection connection, string table, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand("SELECT to_regclass(quote_ident(@table)) IS NOT NULL", connection);
        command.Parameters.AddWithValue("table", table);
        return (bool)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
