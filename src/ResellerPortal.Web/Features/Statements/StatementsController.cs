using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Statements;

/// <summary>A client's monthly statements: a printable page and its CSV. Another reseller's client, or a malformed month, is a 404.</summary>
[Authorize(Policy = Policies.RecordViewers)]
public sealed class StatementsController(ClientStatement statements) : Controller
{
    [HttpGet("/clients/{clientId:guid}/statements/{month:regex(^\\d{{4}}-\\d{{2}}$)}")]
    public Task<IActionResult> Show(Guid clientId, string month, CancellationToken ct) =>
        this.ShowAsync(statements.HandleAsync(clientId, month, ct), model => View("Statement", model));

    [HttpGet("/clients/{clientId:guid}/statements/{month:regex(^\\d{{4}}-\\d{{2}}$)}.csv")]
    public async Task<IActionResult> Csv(Guid clientId, string month, CancellationToken ct)
    {
        var result = await statements.HandleAsync(clientId, month, ct);
        if (result.IsNotFound)
        {
            return NotFound();
        }

        var buffer = new StringWriter();
        await StatementCsv.WriteAsync(buffer, result.Value);
        return File(new UTF8Encoding(false).GetBytes(buffer.ToString()), "text/csv; charset=utf-8", $"statement-{result.Value.MonthText}.csv");
    }
}
