using System.Globalization;
using System.Net;
using CsvHelper;
using ResellerPortal.Domain.Clients;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;
using ResellerPortal.Web.Features.Clients;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>The CSV writer on its own: fields, quoting and the formula guard.</summary>
public sealed class ClientCsvWriterTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("=HYPERLINK(\"http://evil.example\",\"Click\")", "'=HYPERLINK(\"http://evil.example\",\"Click\")")]
    [InlineData("+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1:A9)", "'@SUM(A1:A9)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("\r=1", "'\r=1")]
    [InlineData("-4.00", "-4.00")]       // amounts stay numbers
    [InlineData("+1.5", "+1.5")]
    [InlineData("-1,000.25", "-1,000.25")]
    [InlineData("Rossi", "Rossi")]
    [InlineData("a=b", "a=b")]           // only the first character counts
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Cells_that_start_like_a_formula_get_an_apostrophe_and_numbers_do_not(string? cell, string? expected) =>
        Assert.Equal(expected, ClientCsv.Neutralise(cell));

    [Fact]
    public async Task Rows_are_RFC_4180_with_the_formula_guard_applied_before_quoting()
    {
        var id = new Guid("0195a0c0-0000-7000-8000-000000000001");
        var row = new ClientExportRow(
            id, "=1+2", "O\"Brien", "Acme, Ltd", "Line 1\nLine 2", "  Paris ", "", "FR", "75001", "a@b.example", "+33142685300", "EUR",
            null, new DateOnly(2026, 12, 1), ClientStatus.Active, BalanceManagement.Soft, null, "-x@b.example", -4.50m,
            new DateTimeOffset(2026, 11, 2, 9, 0, 0, TimeSpan.Zero), Guid.Empty);
        await using var text = new StringWriter(CultureInfo.InvariantCulture);

        await ClientCsv.WriteAsync(text, One(row), null, CancellationToken.None);

        Assert.Equal(
            "Id,FirstName,LastName,Company,Address,City,State,Country,Zip,Email,Phone,Currency,VatNumber,NextBillingDate,Status,"
            + "BalanceManagement,LowBalanceThreshold,LowBalanceEmail,Balance,CreatedAt\r\n"
            + $"{id},'=1+2,\"O\"\"Brien\",\"Acme, Ltd\",\"Line 1\nLine 2\",  Paris ,,FR,75001,a@b.example,+33142685300,EUR,,2026-12-01,ACTIVE,"
            + "SOFT,,'-x@b.example,-4.50,2026-11-02T09:00:00.0000000+00:00\r\n",
            text.ToString());
    }

    private static async IAsyncEnumerable<ClientExportRow> One(ClientExportRow row)
    {
        await Task.Yield();
        yield return row;
    }
}

/// <summary>What a user typed into the client form comes out of the export harmless.</summary>
public sealed class ClientCsvExportTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task A_formula_typed_into_the_client_form_is_exported_as_text()
    {
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var eu = await OperatorIdAsync("EU");
        var created = await owner.SubmitAsync("/clients/new",
        [
            new("FirstName", "=HYPERLINK(\"http://evil.example\",\"Invoice\")"), new("LastName", "Quorn"), new("Company", "@SUM(A1:A9), Ltd"),
            new("Email", "formula@quorn.example"), new("Phone", "+44 20 7946 1111"), new("Country", "GB"), new("Currency", "EUR"),
            new("NextBillingDate", "2026-12-01"), new("BalanceManagement", "Soft"), new("OperatorId", eu.ToString()), new("City", "London"),
        ]);
        Assert.Equal(HttpStatusCode.Redirect, created.StatusCode);

        var response = await owner.GetAsync("/clients/export.csv?q=quorn");
        using var reader = new CsvReader(new StringReader(await response.Content.ReadAsStringAsync()), CultureInfo.InvariantCulture);
        var rows = reader.GetRecords<dynamic>().Cast<IDictionary<string, object>>().ToList();

        var row = Assert.Single(rows);
        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Invoice\")", row["FirstName"]);
        Assert.Equal("'@SUM(A1:A9), Ltd", row["Company"]);
        Assert.Equal("Quorn", row["LastName"]);
    }
}
