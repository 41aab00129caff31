using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>Activate a key for an instance: from the key's page (choose the instance) or the instance's (choose the key).</summary>
public sealed class ActivateForm
{
    public Guid? PpkId { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>An activation cannot be undone, so the user says so explicitly.</summary>
    public bool Confirm { get; set; }

    /// <summary>Set when the user has seen the downgrade warning (fewer agents or an earlier end than the licence in force) and activates anyway.</summary>
    public bool ConfirmDowngrade { get; set; }
}

public sealed class ActivateFormValidator : AbstractValidator<ActivateForm>
{
    public ActivateFormValidator()
    {
        RuleFor(x => x.PpkId).NotNull().WithMessage("Choose a key.");
        RuleFor(x => x.InstanceId).NotNull().WithMessage("Choose an instance.");
        RuleFor(x => x.Confirm).Equal(true).WithMessage("Tick the box to confirm: an activation uses up the key and cannot be undone.");
    }
}

/// <summary>
/// Saves the activation as pending and enqueues the activation job. A second request for the same key,
/// at the same moment or later, is refused by the unique index (IX_LicenceActivations_PpkId), not by luck.
/// A key that would replace the licence in force with fewer agents or an earlier end is refused until
/// the user confirms the downgrade (issue 15: the last installed licence is the one in force).
/// </summary>
public sealed class RequestActivation(
    PortalDbContext db,
    IValidator<ActivateForm> validator,
    LicenceJobTrigger trigger,
    IOptions<LicensingOptions> options,
    AuditActorAccessor actors,
    TimeProvider clock)
{
    public async Task<Result<LicenceActivation>> HandleAsync(ActivateForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var key = await db.PrepurchasedKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == form.PpkId, ct);
        if (key is null)
        {
            return Result.Refused(nameof(ActivateForm.PpkId), "This key is not in your stock.");
        }

        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == form.InstanceId, ct);
        if (instance is null)
        {
            return Result.Refused(nameof(ActivateForm.InstanceId), "This instance does not exist or is not one of yours.");
        }

        if (instance.IsProvisioning || instance.Mode == ClientMode.Removed)
        {
            return Result.Refused(nameof(ActivateForm.InstanceId), $"Instance {instance.Name} is {(instance.IsProvisioning ? "still being provisioned" : "REMOVED")}; a licence can be installed once it runs.");
        }

        if (await db.LicenceActivations.AnyAsync(a => a.PpkId == key.Id, ct))
        {
            return Result.Refused(nameof(ActivateForm.PpkId), AlreadyUsed);
        }

        var now = clock.GetUtcNow();
        var activation = LicenceActivation.Request(key, instance.Id, instance.Name, instance.LongName, instance.MaxAgents, now, options.Value.Deadline, actors.DisplayName());
        if (!form.ConfirmDowngrade
            && await LicencesInForce.ForInstanceAsync(db, instance.Id, ct) is { } inForce
            && LicenceActivation.DowngradeOf(key.Agents, key.Days, inForce.Agents, inForce.ExpiresOn, DateOnly.FromDateTime(now.UtcDateTime)) is { } downgrade)
        {
            return Result.Refused(nameof(ActivateForm.ConfirmDowngrade), downgrade);
        }

        db.LicenceActivations.Add(activation);
        await db.SaveChangesAsync(ct);
        trigger.Activations();
        return activation;
    }

    private const string AlreadyUsed = "This key has already been activated (or is being activated): a key is activated once.";
}
