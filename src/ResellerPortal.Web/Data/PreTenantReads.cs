using Npgsql;

namespace ResellerPortal.Web.Data;

/// <summary>
/// The two reads every request makes before its tenant is known, as single raw commands on the portal's pool
/// rather than through a DbContext: the signed-in user's security stamp (<see cref="Auth.SessionStamp"/>) and
/// whether the request's host name is a reseller's client portal (<c>ClientHostMiddleware</c>). Neither table
/// is tenant-owned (the tenant filters of <see cref="PortalDbContext"/> do not apply to them, and the queries
/// they replace looked past the filters or ran with no tenant), and neither read can reach another tenant's
/// rows: one is by the user's own primary key, the other by the host name the request was sent to.
/// Measured in bench/README.md (issue 14): a DbContext, its options and EF's query path cost more than the
/// round trip for these one-row reads.
/// </summary>
public sealed class PreTenantReads(PortalConnections connections)
{
    /// <summary>The user's current security stamp, or null when the user no longer exists.</summary>
    public async Task<string?> SecurityStampAsync(Guid userId, CancellationToken ct)
    {
        await using var connection = connections.Create();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("""SELECT "SecurityStamp" FROM "AspNetUsers" WHERE "Id" = $1""", connection);
        command.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = userId });
        return await command.ExecuteScalarAsync(ct) as string;
    }

    public sealed record ClientHost(bool IsVerified, string? Slug);

    /// <summary>The registration of <paramref name="host"/> as a client portal, with its reseller's slug when that reseller is active; null when none.</summary>
    public async Task<ClientHost?> ClientHostAsync(string host, CancellationToken ct)
    {
        await using var connection = connections.Create();
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            """
            SELECT h."IsVerified", (SELECT r."Slug" FROM "Resellers" AS r WHERE r."Id" = h."ResellerId" AND r."IsActive" LIMIT 1)
            FROM "ResellerHostnames" AS h WHERE h."Hostname" = $1 LIMIT 2
            """, connection);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = host });
        await using var reader = await command.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct))
        {
            return null;
        }

        var found = new ClientHost(reader.GetBoolean(0), await reader.IsDBNullAsync(1, ct) ? null : reader.GetString(1));
        // The host name is unique (its index); two rows would be a broken database, as SingleOrDefault said before.
        return await reader.ReadAsync(ct) ? throw new InvalidOperationException($"Host name {host} is registered twice.") : found;
    }
}
