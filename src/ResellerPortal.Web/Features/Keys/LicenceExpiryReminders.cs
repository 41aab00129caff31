using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;

namespace ResellerPortal.Web.Features.Keys;

public static class LicenceQueries
{
    /// <summary>
    /// Instances whose licence in force (<see cref="LicenceInForce"/>: the one installed last) runs out within
    /// <see cref="LicenceActivation.ExpiryWarningDays"/> days. The card, the licence page and the dashboard agree on it.
    /// </summary>
    public static IQueryable<Instance> WithLicenceExpiring(this IQueryable<Instance> instances, PortalDbContext db, DateOnly today)
    {
        var horizon = today.AddDays(LicenceActivation.ExpiryWarningDays);
        return instances.Where(i =>
            db.LicenceActivations.Any(a => a.InstanceId == i.Id && a.Status == ActivationStatus.Installed && a.ExpiresOn <= horizon
                && !db.LicenceActivations.Any(b => b.InstanceId == i.Id && b.Status == ActivationStatus.Installed && b.InstalledAt > a.InstalledAt)));
    }
}

/// <summary>
/// Reminds the reseller's admins once of a licence that runs out within 14 days (issue 4). The
/// activation row carries the "sent" mark and its row version, so a second run or node sends nothing.
/// </summary>
public sealed class LicenceExpiryReminders(PortalDbContext db, EmailOutbox outbox, TimeProvider clock)
{
    public Task<List<LicenceJobItem>> DueAsync(CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var horizon = today.AddDays(LicenceActivation.ExpiryWarningDays);
        return db.LicenceActivations.AsNoTracking()
            .Where(a => a.Status == ActivationStatus.Installed && a.InstanceId != null && a.ExpiresOn <= horizon && a.ExpiryReminderSentAt == null)
            .Where(a => !db.LicenceActivations.Any(b => b.InstanceId == a.InstanceId && b.Status == ActivationStatus.Installed && b.InstalledAt > a.InstalledAt))
            .Select(a => new LicenceJobItem(a.ResellerId, a.Id))
            .ToListAsync(ct);
    }

    /// <summary>Sends one reminder in the reseller's scope; false when it was already sent.</summary>
    public async Task<bool> SendAsync(Guid activationId, CancellationToken ct)
    {
        var activation = await db.LicenceActivations.SingleOrDefaultAsync(a => a.Id == activationId, ct);
        var now = clock.GetUtcNow();
        if (activation is not { ExpiresOn: { } expiresOn } || !activation.MarkReminderSent(now))
        {
            return false;
        }

        var admins = await ResellerAdmins.EmailsAsync(db, activation.ResellerId, ct);
        var daysLeft = expiresOn.DayNumber - DateOnly.FromDateTime(now.UtcDateTime).DayNumber;
        var when = daysLeft switch
        {
            < 0 => "has expired",
            0 => "expires today",
            1 => "expires tomorrow",
            _ => $"expires in {daysLeft} days",
        };
        foreach (var email in admins)
        {
            outbox.Enqueue(
                activation.ResellerId,
                email,
                $"Licence of {activation.InstanceName} {when}",
                $"The licence of instance {activation.InstanceName} ({activation.EndUser}) runs until {expiresOn:yyyy-MM-dd}.\n\n" +
                "Keys cannot be extended: activate a new key on the instance before that day (Keys in the portal).");
        }

        try
        {
            await db.SaveChangesAsync(ct);
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            return false;
        }
    }
}
