using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Instances;

public sealed class CreateInstanceForm : InstanceForm
{
    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    public string Name { get; set; } = string.Empty;

    public Guid? OperatorId { get; set; }

    /// <summary>The demoadmin and uploader password: encrypted until provisioning takes it, never shown again.</summary>
    public string Password { get; set; } = string.Empty;
}

public sealed class CreateInstanceFormValidator : InstanceFormValidator<CreateInstanceForm>
{
    public CreateInstanceFormValidator()
    {
        RuleFor(x => x.Name).Must(n => InstanceName.FormatProblem(n) is null)
            .WithMessage(x => InstanceName.FormatProblem(x.Name) ?? string.Empty);
        RuleFor(x => x.OperatorId).NotNull().WithMessage("Choose the operator.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Set the administrator password.")
            .MinimumLength(CreateInstanceForm.PasswordMinLength).WithMessage("The password must be at least 8 characters long.")
            .MaximumLength(CreateInstanceForm.PasswordMaxLength).WithMessage("The password is at most 128 characters.");
        RuleFor(x => x.Mode).Must(m => !string.Equals(m, "REMOVED", StringComparison.OrdinalIgnoreCase))
            .WithMessage("A new instance starts ON or EXPIRED.");
    }
}

/// <summary>
/// Creates an instance with every rule of §3: the name free across the platform (the unique index
/// decides races, <see cref="ConstraintViolations"/> words them), TEST for the provider only and once
/// per operator, DEMO once per customer.
/// </summary>
public sealed class CreateInstance(
    PortalDbContext db,
    IValidator<CreateInstanceForm> validator,
    NameAvailability names,
    InstanceSecrets secrets,
    ProvisioningTrigger provisioning,
    Permissions can,
    AuditActorAccessor actors,
    TimeProvider clock)
{
    public async Task<Result<Instance>> HandleAsync(CreateInstanceForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var op = await db.Operators.SingleOrDefaultAsync(o => o.Id == form.OperatorId, ct);
        if (op is null)
        {
            return Result.Refused(nameof(form.OperatorId), "Choose one of your operators.");
        }

        var availability = await names.CheckAsync(form.Name, ct);
        if (!availability.Available)
        {
            return Result.Refused(nameof(form.Name), NameAvailability.Explain(availability.Reason!));
        }

        var settings = form.ToSettings();
        var mayUseTest = await can.AllowsAsync(Policies.TestInstances);
        if (await InstanceRules.CheckStateAsync(db, op.Id, null, settings, mayUseTest, ct) is { } refusal)
        {
            return refusal;
        }

        var instance = Instance.Create(op.ResellerId, op.Id, availability.Name, settings, secrets.Protect(form.Password), mayUseTest, clock.GetUtcNow(), actors.DisplayName());
        if (!string.IsNullOrEmpty(form.KApiKey))
        {
            instance.ProtectKApiKey(secrets.Protect(form.KApiKey));
        }

        db.Instances.Add(instance);
        await db.SaveChangesAsync(ct);
        provisioning.Provisioning(instance.CreatedAt);
        return instance;
    }
}

/// <summary>The state rules that need the database: one TEST per operator, one DEMO per customer.</summary>
public static class InstanceRules
{
    public static async Task<Refusal?> CheckStateAsync(PortalDbContext db, Guid operatorId, Instance? current, InstanceSettings settings, bool mayUseTest, CancellationToken ct)
    {
        var currentId = current?.Id;
        if (!mayUseTest && (settings.State == ClientState.Test) != (current?.State == ClientState.Test))
        {
            return Result.Refused(nameof(InstanceForm.State), "Only the provider can set or change the TEST state.");
        }

        if (settings.State == ClientState.Test && current?.State != ClientState.Test
            // One TEST per operator, whichever operators this user is assigned (the tenant filter stays).
            && await db.Instances.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter])
                .AnyAsync(i => i.OperatorId == operatorId && i.State == ClientState.Test && i.Id != currentId, ct))
        {
            return Result.Refused(nameof(InstanceForm.State), "This operator already has its TEST instance.");
        }

        if (settings.State == ClientState.Demo && current?.WasDemo != true)
        {
            // One demo per customer (§3): same company name or same contact email within the reseller, deleted instances included.
            var longName = LikePattern.Escape(settings.LongName.Trim());
            var email = settings.ContactEmail is { } e ? LikePattern.Escape(e.Trim()) : null;
            var earlier = await db.Instances.IgnoreQueryFilters([PortalDbContext.NotDeletedFilter, PortalDbContext.OperatorScopeFilter])
                .Where(i => i.WasDemo && i.Id != currentId
                    && (EF.Functions.ILike(i.LongName, longName, LikePattern.EscapeCharacter) || (email != null && i.ContactEmail != null && EF.Functions.ILike(i.ContactEmail, email, LikePattern.EscapeCharacter))))
                .AnyAsync(ct);
            if (earlier)
            {
                return Result.Refused(nameof(InstanceForm.State), "This customer (same company name or contact email) already had a DEMO: a demo runs once per customer. Choose SOLD.");
            }
        }

        return null;
    }
}
