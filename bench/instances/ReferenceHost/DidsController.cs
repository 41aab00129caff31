using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ReferenceHost;

public sealed record DidRow(Guid Id, string Number, string Description, string? SubAccount, Guid? ClientId, string? ClientName, decimal MonthlyFee, string? Currency, DateOnly? BillingStart);

/// <summary>The same page of DIDs as the portal's /dids?prefix=… for one reseller, from one query: 100 numbers in order.</summary>
public sealed class DidsController(NpgsqlDataSource data) : Controller
{
    [HttpGet("/dids")]
    public async Task<IActionResult> Index(Guid reseller, string? prefix, CancellationToken ct)
    {
        const string sql = """
            SELECT d."Id", d."Number", d."Description", s."Name", c."Id", c."FirstName" || ' ' || c."LastName", d."MonthlyFee", d."BillingStart", c."Currency"
            FROM "Dids" d
            LEFT JOIN "SubAccounts" s ON s."Id" = d."SubAccountId"
            LEFT JOIN "Clients" c ON c."Id" = s."ClientId" AND c."DeletedAt" IS NULL
            WHERE d."ResellerId" = @reseller AND (@prefix::text IS NULL OR d."Number" LIKE @prefix)
            ORDER BY d."Number"
            LIMIT 101
            """;
        await using var command = data.CreateCommand(sql);
        command.Parameters.AddWithValue("reseller", reseller);
        command.Parameters.Add(new NpgsqlParameter("prefix", NpgsqlTypes.NpgsqlDbType.Text) { Value = prefix is null ? DBNull.Value : prefix + "%" });
        var rows = new List<DidRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new DidRow(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetGuid(4), reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetDecimal(6),
                reader.IsDBNull(8) ? null : reader.GetString(8), reader.IsDBNull(7) ? null : reader.GetFieldValue<DateOnly>(7)));
        }

        return View(rows.Take(100).ToList());
    }
}
