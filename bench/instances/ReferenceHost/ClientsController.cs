using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ReferenceHost;

public sealed record ClientRow(
    Guid Id, string FirstName, string LastName, string Company, string Email, string Phone, string Status, string Currency, decimal Balance, string? Operator);

/// <summary>
/// The same page of clients as the portal's /clients?q=… for one reseller, from one query: 50 rows by
/// "first last" then id, after the keyset (key, id) of the previous page's last row when given.
/// </summary>
public sealed class ClientsController(NpgsqlDataSource data) : Controller
{
    [HttpGet("/clients")]
    public async Task<IActionResult> Index(Guid reseller, string? q, string? key, Guid? id, CancellationToken ct)
    {
        var sql = $"""
            SELECT c."Id", c."FirstName", c."LastName", c."Company", c."Email", c."Phone", c."Status", c."Currency",
                   (SELECT COALESCE(sum(l."Amount"), 0) FROM "LedgerEntries" l WHERE l."ClientId" = c."Id"),
                   (SELECT o."Name" FROM "Operators" o WHERE o."Id" = c."OperatorId")
            FROM "Clients" c
            WHERE c."ResellerId" = @reseller AND c."DeletedAt" IS NULL
              AND (@q::text IS NULL OR c."SearchText" LIKE @q)
              {(key is null ? "" : """AND (c."SortName", c."Id") > (@key, @id)""")}
            ORDER BY c."SortName", c."Id"
            LIMIT 51
            """;
        await using var command = data.CreateCommand(sql);
        command.Parameters.AddWithValue("reseller", reseller);
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlTypes.NpgsqlDbType.Text) { Value = q is null ? DBNull.Value : "%" + q.ToLowerInvariant() + "%" });
        if (key is not null)
        {
            command.Parameters.AddWithValue("key", key);
            command.Parameters.AddWithValue("id", id ?? Guid.Empty);
        }

        var rows = new List<ClientRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new ClientRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetString(6).ToUpperInvariant(), reader.GetString(7), reader.GetDecimal(8), reader.IsDBNull(9) ? null : reader.GetString(9)));
        }

        return View(rows.Take(50).ToList());
    }
}
