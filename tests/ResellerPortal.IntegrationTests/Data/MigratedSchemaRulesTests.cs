using Npgsql;
using ResellerPortal.IntegrationTests.Support;

namespace ResellerPortal.IntegrationTests.Data;

/// <summary>
/// The database's own rules hold on a database the app migrated at start-up (and seeded with the demo):
/// the ledger refuses updates and deletes, the natural keys are unique, searches use the trigram indexes.
/// </summary>
public sealed class MigratedSchemaRulesTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task Ledger_rows_cannot_be_updated_or_deleted()
    {
        var update = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""UPDATE "LedgerEntries" SET "Description" = 'changed' """));
        Assert.Contains("append-only (UPDATE refused)", update.MessageText, StringComparison.Ordinal);

        var delete = await Assert.ThrowsAsync<PostgresException>(() => ExecuteAsync("""DELETE FROM "LedgerEntries" """));
        Assert.Contains("append-only (DELETE refused)", delete.MessageText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_name_is_unique_across_the_platform()
    {
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => CopyRowAsync(
            "Instances",
            """ "State" <> 'Test' AND "DeletedAt" IS NULL """,
            """ "Id" = gen_random_uuid(), "ResellerId" = (SELECT r."Id" FROM "Resellers" r WHERE r."Id" <> copy."ResellerId" LIMIT 1) """));
        Assert.Equal(PostgresErrorCodes.UniqueViolation, duplicate.SqlState);
        Assert.Equal("IX_Instances_Name", duplicate.ConstraintName);
    }

    [Fact]
    public async Task A_prepurchased_key_is_held_by_one_reseller_only()
    {
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => CopyRowAsync(
            "PrepurchasedKeys",
            "true",
            """ "Id" = gen_random_uuid(), "ResellerId" = (SELECT r."Id" FROM "Resellers" r WHERE r."Id" <> copy."ResellerId" LIMIT 1) """));
        Assert.Equal("IX_PrepurchasedKeys_Fingerprint", duplicate.ConstraintName);
    }

    [Fact]
    public async Task A_ledger_entry_is_written_once_per_natural_key()
    {
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => CopyRowAsync("LedgerEntries", "true", """ "Id" = gen_random_uuid() """));
        Assert.Equal("IX_LedgerEntries_ResellerId_Key", duplicate.ConstraintName);
    }

    [Fact]
    public async Task Only_one_live_test_instance_per_operator()
    {
        var duplicate = await Assert.ThrowsAsync<PostgresException>(() => CopyRowAsync(
            "Instances", """ "State" = 'Test' AND "DeletedAt" IS NULL """, """ "Id" = gen_random_uuid(), "Name" = 'copy-' || left(copy."Name", 20) """));
        Assert.Equal("IX_Instances_OneTestPerOperator", duplicate.ConstraintName);
    }

    [Theory]
    [InlineData("""SELECT "Id" FROM "Instances" WHERE "Name" LIKE '%demo%'""", "IX_Instances_Name_Trigram")]
    [InlineData("""SELECT "Id" FROM "Clients" WHERE "SearchText" LIKE '%smith%'""", "IX_Clients_SearchText")]
    public async Task Substring_searches_can_use_the_trigram_indexes(string query, string index)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        // The demo tables are small enough for a sequential scan; the question is whether the index serves the LIKE at all.
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        var plan = new List<string>();
        await using var explain = new NpgsqlCommand("EXPLAIN " + query, connection);
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            plan.Add(reader.GetString(0));
        }

        Assert.Contains(plan, line => line.Contains(index, StringComparison.Ordinal));
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Inserts a copy of one existing row with <paramref name="changes"/> applied, in a transaction that is never committed.</summary>
    private async Task CopyRowAsync(string table, string where, string changes)
    {
        await using var connection = new NpgsqlConnection(Portal.ConnectionString);
        await connection.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var command = new NpgsqlCommand($"""
            CREATE TEMP TABLE copy ON COMMIT DROP AS SELECT * FROM "{table}" WHERE {where} LIMIT 1;
            DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM copy) THEN RAISE EXCEPTION 'no {table} row to copy'; END IF; END $$;
            UPDATE copy SET {changes};
            INSERT INTO "{table}" SELECT * FROM copy;
            """, connection, transaction);
        await command.ExecuteNonQueryAsync();
    }
}
