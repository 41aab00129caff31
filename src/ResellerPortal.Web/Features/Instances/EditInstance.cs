using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Instances;

public sealed class EditInstanceForm : InstanceForm
{
    public Guid Id { get; set; }

    /// <summary>The version the user opened; saving over a newer one is refused (optimistic concurrency).</summary>
    public uint Version { get; set; }

    /// <summary>Set when the user has seen the restart warning and saves anyway.</summary>
    public bool ConfirmRestart { get; set; }

    public bool ClearKApiKey { get; set; }

    // Shown read-only.
    public string Name { get; set; } = string.Empty;

    public string OperatorName { get; set; } = string.Empty;

    public string KApiKeyMasked { get; set; } = string.Empty;

    public bool RestartWarning { get; set; }
}

public sealed class EditInstanceFormValidator : InstanceFormValidator<EditInstanceForm>;

/// <summary>
/// Saves an edit: the rules of §3, a restart warning before any change that restarts the instance,
/// and optimistic concurrency on the row version so a newer change is never overwritten. It reads the
/// instance once and fills the form's read-only parts from it, so a refused form is re-shown as is.
/// </summary>
public sealed class EditInstance(
    PortalDbContext db,
    IValidator<EditInstanceForm> validator,
    InstanceSecrets secrets,
    ProvisioningTrigger provisioning,
    Permissions can,
    AuditActorAccessor actors,
    TimeProvider clock)
{
    /// <summary>The form as the edit page opens it.</summary>
    public async Task<Result<EditInstanceForm>> LoadAsync(Guid id, CancellationToken ct)
    {
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return Result.NotFound;
        }

        var form = new EditInstanceForm { Id = id, Version = instance.Version };
        form.Fill(instance);
        await DescribeAsync(form, instance, ct);
        return form;
    }

    public async Task<Result<(Instance Instance, bool Restarts)>> HandleAsync(Guid id, EditInstanceForm form, CancellationToken ct)
    {
        form.Id = id;
        var instance = await db.Instances.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (instance is null)
        {
            return Result.NotFound;
        }

        await DescribeAsync(form, instance, ct);
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var settings = form.ToSettings();
        if (settings.RestartsComparedTo(instance.Settings) && !form.ConfirmRestart)
        {
            form.RestartWarning = true;
            return Result.Refused(nameof(form.ConfirmRestart), RestartWarningText);
        }

        var mayUseTest = await can.AllowsAsync(Policies.TestInstances);
        if (await InstanceRules.CheckStateAsync(db, instance.OperatorId, instance, settings, mayUseTest, ct) is { } refusal)
        {
            return refusal;
        }

        db.Entry(instance).Property(i => i.Version).OriginalValue = form.Version;
        var restarts = instance.Update(settings, mayUseTest, clock.GetUtcNow(), actors.DisplayName());
        if (form.ClearKApiKey)
        {
            instance.ProtectKApiKey(null);
        }
        else if (!string.IsNullOrEmpty(form.KApiKey))
        {
            instance.ProtectKApiKey(secrets.Protect(form.KApiKey));
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            db.ChangeTracker.Clear();
            var newer = await db.Instances.AsNoTracking().SingleOrDefaultAsync(i => i.Id == id, ct);
            if (newer is null)
            {
                return Result.Refused(string.Empty, "This instance was deleted while you were editing it.");
            }

            // Keep what the user typed; take the new version so that saving again is a deliberate overwrite.
            form.Version = newer.Version;
            return Result.Refused(string.Empty,
                $"Not saved: {newer.LastChangedBy} changed this instance at {newer.LastChangedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC after you opened it. Your values are kept below; check them against the current ones and save again.");
        }

        if (restarts && instance.RestartRequestedAt is { } requestedAt)
        {
            provisioning.Restart(requestedAt);
        }

        return (instance, restarts);
    }

    /// <summary>The read-only parts of the form, from the stored instance.</summary>
    private async Task DescribeAsync(EditInstanceForm form, Instance instance, CancellationToken ct)
    {
        form.Name = instance.Name;
        form.OperatorName = await db.Operators.Where(o => o.Id == instance.OperatorId).Select(o => o.Name).SingleAsync(ct);
        form.KApiKeyMasked = secrets.Mask(instance.KApiKeyProtected);
    }

    /// <summary>Beside the box under the warning, which already says what a restart does: the message only asks for the tick.</summary>
    public const string RestartWarningText = "Tick the box to confirm the restart, then save again.";
}
