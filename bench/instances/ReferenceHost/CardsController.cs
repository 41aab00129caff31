using Microsoft.AspNetCore.Mvc;
using Npgsql;

namespace ReferenceHost;

public sealed record Card(
    Guid Id, string Name, string LongName, string OperatorName, string OperatorDomain, DateOnly? CertificateExpiresOn,
    string State, string Mode, int MaxAgents, DateOnly? ExpirationDate, DateTimeOffset StateChangedAt, bool IsProvisioning, bool IsRestartPending);

/// <summary>The same page of cards as the portal's /instances for one reseller, from one query.</summary>
public sealed class CardsController(NpgsqlDataSource data) : Controller
{
    [HttpGet("/cards")]
    public async Task<IActionResult> Index(Guid reseller, string? state, string? q, CancellationToken ct)
    {
        const string sql = """
            SELECT i."Id", i."Name", i."LongName", o."Name", o."Domain", o."CertificateExpiresOn", i."State", i."Mode",
                   i."MaxAgents", i."ExpirationDate", i."StateChangedAt", i."ProvisionedAt" IS NULL, i."RestartRequestedAt" IS NOT NULL
            FROM "Instances" i JOIN "Operators" o ON o."Id" = i."OperatorId"
            WHERE i."ResellerId" = @reseller AND i."DeletedAt" IS NULL
              AND (@state::text IS NULL OR i."State" = @state)
              AND (@q::text IS NULL OR i."Name" ILIKE @q)
            ORDER BY i."Name"
            LIMIT 49
            """;
        await using var command = data.CreateCommand(sql);
        command.Parameters.AddWithValue("reseller", reseller);
        command.Parameters.Add(new NpgsqlParameter("state", NpgsqlTypes.NpgsqlDbType.Text) { Value = (object?)state ?? DBNull.Value });
        command.Parameters.Add(new NpgsqlParameter("q", NpgsqlTypes.NpgsqlDbType.Text) { Value = q is null ? DBNull.Value : "%" + q + "%" });
        var cards = new List<Card>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            cards.Add(new Card(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateOnly>(5), reader.GetString(6), reader.GetString(7),
                reader.GetInt32(8), reader.IsDBNull(9) ? null : reader.GetFieldValue<DateOnly>(9), reader.GetFieldValue<DateTimeOffset>(10),
                reader.GetBoolean(11), reader.GetBoolean(12)));
        }

        return View(cards.Take(48).ToList());
    }
}
