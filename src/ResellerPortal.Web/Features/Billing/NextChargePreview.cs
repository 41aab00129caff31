using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Billing;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Billing;

/// <summary>The next run's charges for a client, the balance after them, what the balance rules would then do, and the runway.</summary>
public sealed record NextChargeModel(
    Client Client,
    DateOnly RunDate,
    bool Billed,
    BillingPlan Plan,
    decimal BalanceAfter,
    BalanceEffects Effects,
    decimal SpentLast30Days,
    Runway Runway);

/// <summary>
/// The next-charge preview and balance runway of the client page (§6 "beyond the peers"). The preview plans
/// with the same <see cref="BillingPlanner"/> and the same inputs (<see cref="BillingInputs"/>) as the run, for
/// the date the next run will bill the client (its billing date, or today when that passed), so it is what
/// the run then charges; a charge already on the ledger (its key taken) is left out, as the run skips it.
/// </summary>
public sealed class NextChargePreview(PortalDbContext db, TimeProvider clock)
{
    public async Task<NextChargeModel?> HandleAsync(Guid clientId, CancellationToken ct)
    {
        // Through the tenant's filters: another reseller's client (or one outside a user's operators) is not shown.
        var client = await db.Clients.AsNoTracking().SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var runDate = client.NextBillingDate > today ? client.NextBillingDate : today;
        var billed = client.Status is ClientStatus.Active or ClientStatus.Suspended;
        var inputs = (await BillingInputs.LoadAsync(db, [client.Id], runDate, ct))[client.Id];
        var billable = new BillableClient(client.Id, client.Currency, client.NextBillingDate, client.BillingDay);
        var plan = BillingPlanner.Plan(billable, runDate, inputs.SubAccounts, inputs.Dids, inputs.BasketItems);
        var keys = plan.Charges.Select(c => c.Key).ToList();
        var taken = await db.LedgerEntries.IgnoreQueryFilters().Where(l => l.ResellerId == client.ResellerId && keys.Contains(l.Key)).Select(l => l.Key).ToListAsync(ct);
        plan = plan with { Charges = [.. plan.Charges.Where(c => !taken.Contains(c.Key))] };
        if (!billed)
        {
            plan = plan with { Charges = [] };
        }

        var after = client.Balance - plan.Total;

        // The following full period's fees: what each later billing date takes.
        var following = BillingPlanner.Plan(billable with { NextBillingDate = plan.NextBillingDate }, plan.NextBillingDate, inputs.SubAccounts, inputs.Dids, []);
        var followingPeriod = BillingCalendar.PeriodName(plan.NextBillingDate);
        var monthly = billed ? following.Charges.Where(c => c.Period == followingPeriod).Sum(c => c.Amount) : 0m;

        var since = now.AddDays(-30);
        var spent = -await db.LedgerEntries.AsNoTracking()
            .Where(l => l.ClientId == client.Id && l.At >= since && (l.Kind == LedgerKind.Charge || l.Kind == LedgerKind.Adjustment)
                && !l.Key.StartsWith("fee:") && !l.Key.StartsWith("basket:"))
            .SumAsync(l => l.Amount, ct);
        var runway = BalanceRunway.Estimate(client.Balance, today, spent, runDate, plan.Total, monthly, client.BillingDay);
        return new NextChargeModel(client, runDate, billed, plan, after, client.PreviewBalance(after), spent, runway);
    }
}

/// <summary>The "Next charge" section of the client page, self-contained: <c>@await Component.InvokeAsync("NextCharge", new { clientId })</c>.</summary>
public sealed class NextChargeViewComponent(NextChargePreview preview) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid clientId)
    {
        var model = await preview.HandleAsync(clientId, HttpContext.RequestAborted);
        return model is null ? Content(string.Empty) : View("~/Features/Billing/_NextCharge.cshtml", model);
    }
}
