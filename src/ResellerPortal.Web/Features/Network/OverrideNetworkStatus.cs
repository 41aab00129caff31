using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ResellerPortal.Domain.Network;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Network;

public sealed class NetworkStatusForm
{
    /// <summary>Empty: follow the feed. Otherwise the indicator to show whatever the feed says.</summary>
    public NetworkIndicator? Override { get; set; }

    public string? Text { get; set; }

    /// <summary>Shown read-only: what the feed said last.</summary>
    [BindNever]
    public NetworkStatusSnapshot? Current { get; set; }
}

public sealed class NetworkStatusFormValidator : AbstractValidator<NetworkStatusForm>
{
    public NetworkStatusFormValidator()
    {
        RuleFor(x => x.Override).IsInEnum();
        RuleFor(x => x.Text).MaximumLength(NetworkStatusSnapshot.TextMaxLength);
    }
}

/// <summary>
/// The provider's manual override of the network status (§9): an indicator shown whatever the feed says,
/// or back to the feed. The override is stamped with the acting user; every node shows it within seconds.
/// </summary>
public sealed class OverrideNetworkStatus(
    PortalDbContext db,
    IValidator<NetworkStatusForm> validator,
    NetworkStatusCache cache,
    AuditActorAccessor actors,
    TimeProvider clock)
{
    /// <summary>The form as the page opens it, or with the feed's state filled in for a re-show.</summary>
    public async Task<NetworkStatusForm> LoadAsync(NetworkStatusForm? form, CancellationToken ct)
    {
        var snapshot = await NetworkStatusCache.LoadOrCreateAsync(db, clock, ct);
        form ??= new NetworkStatusForm { Override = snapshot.OverrideIndicator, Text = snapshot.OverrideText };
        form.Current = snapshot;
        return form;
    }

    public async Task<Result<NetworkStatusForm>> HandleAsync(NetworkStatusForm form, CancellationToken ct)
    {
        var snapshot = await NetworkStatusCache.LoadOrCreateAsync(db, clock, ct);
        form.Current = snapshot;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        snapshot.SetOverride(form.Override, form.Text, actors.DisplayName());
        await db.SaveChangesAsync(ct);
        cache.Invalidate();
        return form;
    }
}
