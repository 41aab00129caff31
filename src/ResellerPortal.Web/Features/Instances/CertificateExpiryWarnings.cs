using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>
/// §2's certificate warnings: to the reseller's admins at 30, 14, 7 and 1 days before expiry and on
/// the day. The warning row (operator, expiry, threshold) and the emails are written in one
/// transaction; the row's key makes a second run or a second node send nothing.
/// </summary>
public sealed class CertificateExpiryWarnings(PortalDbContext db, EmailOutbox outbox, TimeProvider clock, ILogger<CertificateExpiryWarnings> logger)
{
    public sealed record DueWarning(Guid ResellerId, Guid OperatorId, string OperatorName, string Domain, DateOnly ExpiresOn, int Threshold);

    /// <summary>The warnings due today that have not been sent (platform scope).</summary>
    public async Task<List<DueWarning>> DueAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(CertificateWarnings.Thresholds.Max());
        var operators = await db.Operators
            .Where(o => o.CertificateExpiresOn != null && o.CertificateExpiresOn >= today && o.CertificateExpiresOn <= horizon)
            .Select(o => new { o.ResellerId, o.Id, o.Name, o.Domain, ExpiresOn = o.CertificateExpiresOn!.Value })
            .ToListAsync(ct);
        var operatorIds = operators.Select(o => o.Id).ToList();
        // One query for what was already sent, not one per operator.
        var sent = (await db.CertificateWarnings
                .Where(w => operatorIds.Contains(w.OperatorId))
                .Select(w => new { w.OperatorId, w.ExpiresOn, w.Threshold })
                .ToListAsync(ct))
            .Select(w => (w.OperatorId, w.ExpiresOn, w.Threshold))
            .ToHashSet();
        var due = new List<DueWarning>();
        foreach (var o in operators)
        {
            if (CertificateWarnings.DueThreshold(o.ExpiresOn, today) is { } threshold && !sent.Contains((o.Id, o.ExpiresOn, threshold)))
            {
                due.Add(new DueWarning(o.ResellerId, o.Id, o.Name, o.Domain, o.ExpiresOn, threshold));
            }
        }

        return due;
    }

    /// <summary>Sends one warning in the reseller's scope; false when it was already sent.</summary>
    public async Task<bool> SendAsync(DueWarning warning, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        db.CertificateWarnings.Add(new CertificateWarning(warning.ResellerId, warning.OperatorId, warning.ExpiresOn, warning.Threshold, now));
        var admins = await ResellerAdmins.EmailsAsync(db, warning.ResellerId, ct);
        var daysLeft = warning.ExpiresOn.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        var when = daysLeft <= 0 ? "today" : $"in {daysLeft} day{(daysLeft == 1 ? "" : "s")}";
        foreach (var email in admins)
        {
            outbox.Enqueue(
                warning.ResellerId,
                email,
                $"SSL certificate for {warning.Domain} expires {when}",
                $"The SSL certificate of {warning.Domain} (operator {warning.OperatorName}) expires on {warning.ExpiresOn:yyyy-MM-dd}.\n\n" +
                "An expired certificate makes every instance on this domain inaccessible in all major browsers. " +
                "Send the renewed certificate to the provider well before that date.");
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (ConstraintViolationException ex) when (ex.Constraint == "PK_CertificateWarnings")
        {
            logger.LogInformation("Certificate warning {Threshold} for {Domain} was sent by another run", warning.Threshold, warning.Domain);
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
