using FluentValidation;
using ResellerPortal.Domain.Packages;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Packages;

/// <summary>Creates one of the reseller's packages (§5), its name free among them.</summary>
public sealed class CreatePackage(PortalDbContext db, IValidator<PackageForm> validator, TimeProvider clock)
{
    /// <summary>The form of a new package: the services most resellers show.</summary>
    public static PackageForm Blank() => new()
    {
        Services = [ClientServices.SubAccounts, ClientServices.Dids, ClientServices.Voicemail, ClientServices.Cdr, ClientServices.Balance],
    };

    public async Task<Result<Package>> HandleAsync(PackageForm form, CancellationToken ct)
    {
        form.Id = null;
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (await PackageRules.NameTakenAsync(db, form.Name!, null, ct) is { } taken)
        {
            return taken;
        }

        var package = new Package(db.Tenant.ResellerId!.Value, form.Name!, form.Currency!, clock.GetUtcNow());
        form.ApplyTo(package);
        db.Packages.Add(package);
        await db.SaveChangesAsync(ct);
        return package;
    }
}
