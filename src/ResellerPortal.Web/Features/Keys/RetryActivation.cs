using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>Starts a failed phase again: activation (the key server returns the same key) or installation.</summary>
public sealed class RetryActivation(PortalDbContext db, LicenceJobTrigger trigger, IOptions<LicensingOptions> options, TimeProvider clock)
{
    public async Task<Result<LicenceActivation>> HandleAsync(Guid ppkId, CancellationToken ct)
    {
        var activation = await db.LicenceActivations.SingleOrDefaultAsync(a => a.PpkId == ppkId, ct);
        if (activation is null)
        {
            return Result.Refused(string.Empty, "This key has not been activated; there is nothing to retry.");
        }

        // A refused key or one not failed: LicenceRuleException, a refusal.
        activation.Retry(clock.GetUtcNow(), options.Value.Deadline);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Refused(string.Empty, "The activation changed at the same moment; look at its status and try again.");
        }

        if (activation.Status == ActivationStatus.Pending)
        {
            trigger.Activations();
        }
        else
        {
            trigger.Installations();
        }

        return activation;
    }
}
