using System.Text;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;

namespace ResellerPortal.Web.Features.Reports;

/// <summary>The reseller's reports (§6): the financial report and its CSV.</summary>
[Authorize(Policy = Policies.FinancialReaders)]
[Route("reports")]
public sealed class ReportsController : Controller
{
    [HttpGet("financial")]
    public async Task<IActionResult> Financial([FromServices] FinancialReport report, CancellationToken ct) =>
        View(await report.HandleAsync(ct));

    [HttpGet("financial.csv")]
    public async Task<IActionResult> FinancialCsv([FromServices] FinancialReport report, CancellationToken ct) =>
        File(Encoding.UTF8.GetBytes(FinancialReport.ToCsv(await report.HandleAsync(ct))), "text/csv", "financial-report.csv");
}
