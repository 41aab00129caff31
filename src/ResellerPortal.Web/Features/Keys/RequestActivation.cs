using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Domain.Licensing;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>Activate a key for an instance: from the key's page (choose the instance) or the instance's (choose the key).</summary>
public sealed class ActivateForm
{
    public Guid? PpkId { get; set; }

    public Guid? InstanceId { get; set; }

    /// <summary>An activation cannot be undone, so the user says so explicitly.</summary>
    public bool Confirm { get; set; }
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

/// <summary>The outcome of a request: the activation, or the field and reason it was refused.</summary>
public sealed record ActivationRequestResult(LicenceActivation? Activation, string? Field, string? Error)
{
    public static ActivationRequestResult Refused(string field, string error) => new(null, field, error);
}

/// <summary>
/// Saves the activation as pending (unique per key) and enqueues the activation job. A second request
/// for the same key, at the same moment or later, is refused by the unique index, not by luck.
/// </summary>
public sealed class RequestActivation(PortalDbContext db, LicenceJobTrigger trigger, IOptions<LicensingOptions> options, TimeProvider clock)
{
    public async Task<ActivationRequestResult> HandleAsync(ActivateForm form, string actor, CancellationToken ct)
    {
        var key = await db.PrepurchasedKeys.AsNoTracking().SingleOrDefaultAsync(k => k.Id == form.PpkId, ct);
        if (key is null)
        {
            return ActivationRequestResult.Refused(nameof(ActivateForm.PpkId), "This key is not in your stock.");
        }

        var instance = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == form.InstanceId, ct);
        if (instance is null)
        {
            return ActivationRequestResult.Refused(nameof(ActivateForm.InstanceId), "This instance does not exist or is not one of yours.");
        }

        if (instance.IsProvisioning || instance.Mode == ClientMode.Removed)
        {
            return ActivationRequestResult.Refused(nameof(ActivateForm.InstanceId), $"Instance {instance.Name} is {(instance.IsProvisioning ? "still being provisioned" : "REMOVED")}; a licence can be installed once it runs.");
        }

        if (await db.LicenceActivations.AnyAsync(a => a.PpkId == key.Id, ct))
        {
            return ActivationRequestResult.Refused(nameof(ActivateForm.PpkId), AlreadyUsed);
        }

        LicenceActivation activation;
        try
        {
            activation = LicenceActivation.Request(key, instance.Id, instance.Name, instance.LongName, instance.MaxAgents, clock.GetUtcNow(), options.Value.Deadline, actor);
        }
        catch (LicenceRuleException ex)
        {
            return ActivationRequestResult.Refused(nameof(ActivateForm.PpkId), ex.Message);
        }

        db.LicenceActivations.Add(activation);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            db.ChangeTracker.Clear();
            return ActivationRequestResult.Refused(nameof(ActivateForm.PpkId), AlreadyUsed);
        }

        trigger.Activations();
        return new ActivationRequestResult(activation, null, null);
    }

    private const string AlreadyUsed = "This key has already been activated (or is being activated): a key is activated once.";
}

/// <summary>Starts a failed phase again: activation (the key server returns the same key) or installation.</summary>
public sealed class RetryActivation(PortalDbContext db, LicenceJobTrigger trigger, IOptions<LicensingOptions> options, TimeProvider clock)
{
    /// <summary>Null when done; otherwise why not.</summary>
    public async Task<string?> HandleAsync(Guid ppkId, CancellationToken ct)
    {
        var activation = await db.LicenceActivations.SingleOrDefaultAsync(a => a.PpkId == ppkId, ct);
        if (activation is null)
        {
            return "This key has not been activated; there is nothing to retry.";
        }

        try
        {
            activation.Retry(clock.GetUtcNow(), options.Value.Deadline);
            await db.SaveChangesAsync(ct);
        }
        catch (LicenceRuleException ex)
        {
            return ex.Message;
        }
        catch (DbUpdateConcurrencyException)
        {
            return "The activation changed at the same moment; look at its status and try again.";
        }

        if (activation.Status == ActivationStatus.Pending)
        {
            trigger.Activations();
        }
        else
        {
            trigger.Installations();
        }
        return null;
    }
}
