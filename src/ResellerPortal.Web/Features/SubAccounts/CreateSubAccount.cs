using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.SubAccounts;

/// <summary>A new sub-account of a client, with a package in the client's currency if one is chosen.</summary>
public sealed class SubAccountForm
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public Guid? PackageId { get; set; }

    /// <summary>Charge the package's setup fee now: off until ticked.</summary>
    public bool ChargeSetupFee { get; set; }

    // Shown read-only, filled from the client: the client, and the packages it may have (those in its currency).
    [BindNever]
    public Guid ClientId { get; set; }

    [BindNever]
    public string? ClientName { get; set; }

    [BindNever]
    public IReadOnlyList<(Guid Id, string Name)> Packages { get; set; } = [];
}

public sealed class SubAccountFormValidator : AbstractValidator<SubAccountForm>
{
    public SubAccountFormValidator()
    {
        RuleFor(x => x.Name).Must(SubAccount.IsValidName).WithMessage("Use 2–40 lower-case letters, digits, dots, dashes or underscores.");
        RuleFor(x => x.Description).MaximumLength(SubAccount.DescriptionMaxLength);
    }
}

/// <summary>Creates a sub-account connected to a client (§5), its name free within the reseller, and assigns its package.</summary>
public sealed class CreateSubAccount(PortalDbContext db, IValidator<SubAccountForm> validator, AssignPackage packages, TimeProvider clock)
{
    /// <summary>The form with its read-only parts filled: a new one as the page opens it, or one the handler did not reach.</summary>
    public async Task<Result<SubAccountForm>> LoadAsync(Guid clientId, SubAccountForm form, CancellationToken ct) =>
        await DescribeAsync(clientId, form, ct) is null ? Result.NotFound : form;

    public async Task<Result<SubAccount>> HandleAsync(Guid clientId, SubAccountForm form, CancellationToken ct)
    {
        var client = await DescribeAsync(clientId, form, ct);
        if (client is null)
        {
            return Result.NotFound;
        }

        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var name = form.Name!.Trim().ToLowerInvariant();
        // Names are unique within the reseller: the other operators' sub-accounts count too.
        if (await db.SubAccounts.IgnoreQueryFilters([PortalDbContext.OperatorScopeFilter]).AnyAsync(s => s.Name == name, ct))
        {
            return Result.Refused(nameof(form.Name), "A sub-account with this name already exists.");
        }

        var package = form.PackageId is { } packageId ? await db.Packages.SingleOrDefaultAsync(p => p.Id == packageId, ct) : null;
        if (form.PackageId is not null && package is null)
        {
            return Result.Refused(nameof(form.PackageId), "Choose one of your packages.");
        }

        var now = clock.GetUtcNow();
        var sub = new SubAccount(client.ResellerId, name, form.Description ?? string.Empty, now);
        sub.ConnectTo(client.Id, now);
        if (package is not null)
        {
            await packages.AssignAsync(client, sub, package, form.ChargeSetupFee, ct);
        }

        db.SubAccounts.Add(sub);
        await db.SaveChangesAsync(ct);
        return sub;
    }

    /// <summary>The form's read-only parts, from the client (null when the user may not see it).</summary>
    private async Task<Client?> DescribeAsync(Guid clientId, SubAccountForm form, CancellationToken ct)
    {
        var client = await db.Clients.SingleOrDefaultAsync(c => c.Id == clientId, ct);
        if (client is null)
        {
            return null;
        }

        form.ClientId = client.Id;
        form.ClientName = client.DisplayName;
        form.Packages = await AssignPackage.ChoicesAsync(db, client, ct);
        return client;
    }
}
