using Npgsql;

namespace ResellerPortal.Web.Data;

/// <summary>
/// The two reads every request makes before its tenant is known, as single raw commands on the portal's pool
/// rather than through a DbContext: the signed-in user's security stamp (<see cref="Auth.SessionStamp"/>) and
/// whether the request's host name is a reseller's client portal (<c>ClientHostMiddleware</c>). Neither table
/// is tenant-owned (the tenant filters of <see cref="PortalDbContext"/> do not apply to them, and the queries
/// they replace looked past the filters or ran with no tenant), and neither read can reach another tenant's
/// rows: one is by the user's own primary key, the other by the host name the request was sent to.
/// A signed-in request makes both in one round trip. Measured in bench/README.md (issue 14): a DbContext, its
/// options and EF's query path cost more than the round trip for these one-row reads.
/// </summary>
public sealed class PreTenantReads(PortalConnections connections)
{
    private const string StampSql = """SELECT "SecurityStamp" FROM "AspNetUsers" WHERE "Id" = $1""";

    private const string ClientHostSql = """
        SELECT h."IsVerified", (SELECT r."Slug" FROM "Resellers" AS r WHERE r."Id" = h."ResellerId" AND r."IsActive" LIMIT 1)
        FROM "ResellerHostnames" AS h WHERE h."Hostname" = $1 LIMIT 2
        """;

    private static readonly object RememberedHost = new();

    public sealed record ClientHost(bool IsVerified, string? Slug);

    /// <summary>
    /// The signed-in user's current security stamp (null when the user no longer exists) and, in the same round
    /// trip, the registration of the request's host name as a client portal, which the request asks next
    /// (<see cref="ClientHostAsync(HttpContext, string, CancellationToken)"/> finds it remembered on the request).
    /// </summary>
    public async Task<string?> SecurityStampAsync(HttpContext http, Guid userId, string host, CancellationToken ct)
    {
        await using var connection = connections.Create();
        await connection.OpenAsync(ct);
        await using var batch = new NpgsqlBatch(connection)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand(StampSql) { Parameters = { new NpgsqlParameter<Guid> { TypedValue = userId } } },
                new NpgsqlBatchCommand(ClientHostSql) { Parameters = { new NpgsqlParameter<string> { TypedValue = host } } },
            },
        };
        await using var reader = await batch.ExecuteReaderAsync(ct);
        var stamp = await reader.ReadAsync(ct) && !await reader.IsDBNullAsync(0, ct) ? reader.GetString(0) : null;
        await reader.NextResultAsync(ct);
        http.Items[RememberedHost] = (host, await ReadClientHostAsync(reader, host, ct));
        return stamp;
    }

    /// <summary>The registration of <paramref name="host"/> as a client portal, with its reseller's slug when that reseller is active; null when none.</summary>
    public async Task<ClientHost?> ClientHostAsync(HttpContext http, string host, CancellationToken ct)
    {
        if (http.Items.TryGetValue(RememberedHost, out var remembered) && remembered is ValueTuple<string, ClientHost?> known && known.Item1 == host)
        {
            return known.Item2;
        }

        await using var connection = connections.Create();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(ClientHostSql, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await ReadClientHostAsync(reader, host, ct);
    }

    private static async Task<ClientHost?> ReadClientHostAsync(NpgsqlDataReader reader, string host, CancellationToken ct)
    {
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var found = new ClientHost(reader.GetBoolean(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1));
        // The host name is unique (its index); two rows would be a broken database, as SingleOrDefault said before.
        return await reader.ReadAsync(ct) ? throw new InvalidOperationException($"Host name {host} is registered twice.") : found;
    }
}
