using System.Globalization;
using System.Text;
using System.Xml;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Features.Records;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>The clients export as XML: one element per client, an element per non-empty field, streamed as the rows come.</summary>
public static class ClientXml
{
    public static async Task WriteAsync(Stream output, IAsyncEnumerable<ClientExportRow> rows, ResellerNames? resellers, CancellationToken ct)
    {
        var settings = new XmlWriterSettings { Async = true, Encoding = new UTF8Encoding(false), Indent = true };
        await using var xml = XmlWriter.Create(output, settings);
        await xml.WriteStartDocumentAsync();
        await xml.WriteStartElementAsync(null, "clients", null);
        await foreach (var row in rows.WithCancellation(ct))
        {
            await xml.WriteStartElementAsync(null, "client", null);
            await xml.WriteAttributeStringAsync(null, "id", null, row.Id.ToString());
            await xml.WriteAttributeStringAsync(null, "status", null, Client.Label(row.Status));
            if (resellers is not null)
            {
                await xml.WriteAttributeStringAsync(null, "reseller", null, resellers.Of(row.ResellerId));
            }

            await Element(xml, "firstName", row.FirstName);
            await Element(xml, "lastName", row.LastName);
            await Element(xml, "company", row.Company);
            await Element(xml, "address", row.Address);
            await Element(xml, "city", row.City);
            await Element(xml, "state", row.State);
            await Element(xml, "country", row.Country);
            await Element(xml, "zip", row.Zip);
            await Element(xml, "email", row.Email);
            await Element(xml, "phone", row.Phone);
            await Element(xml, "currency", row.Currency);
            await Element(xml, "vatNumber", row.VatNumber);
            await Element(xml, "nextBillingDate", row.NextBillingDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Element(xml, "balanceManagement", row.BalanceManagement.ToString().ToUpperInvariant());
            await Element(xml, "lowBalanceThreshold", row.LowBalanceThreshold?.ToString(CultureInfo.InvariantCulture));
            await Element(xml, "lowBalanceEmail", row.LowBalanceEmail);
            await Element(xml, "balance", row.Balance.ToString(CultureInfo.InvariantCulture));
            await Element(xml, "createdAt", row.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            await xml.WriteEndElementAsync();
        }

        await xml.WriteEndElementAsync();
        await xml.WriteEndDocumentAsync();
    }

    private static async Task Element(XmlWriter xml, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            await xml.WriteElementStringAsync(null, name, null, value);
        }
    }
}
