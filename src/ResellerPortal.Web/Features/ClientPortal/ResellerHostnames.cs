using FluentValidation;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.Domain.ClientPortal;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

public sealed class HostnameForm
{
    public string? Hostname { get; set; }
}

public sealed class HostnameFormValidator : AbstractValidator<HostnameForm>
{
    public HostnameFormValidator() =>
        RuleFor(x => x.Hostname).Cascade(CascadeMode.Stop).NotEmpty().WithMessage(ResellerHostname.InvalidMessage)
            .MaximumLength(ResellerHostname.HostnameMaxLength)
            .Must(h => ResellerHostname.Normalize(h) is not null).WithMessage(ResellerHostname.InvalidMessage);
}

public sealed record HostnameRow(Guid Id, string Hostname, bool IsVerified);

/// <summary>
/// A reseller's custom host names (§7), kept by the provider on the reseller's page: add, verify (once
/// the DNS points at the portal and the certificate is in place), remove. Unique across the platform.
/// </summary>
public sealed class ResellerHostnames(PortalDbContext db, IValidator<HostnameForm> validator, TimeProvider clock)
{
    public Task<List<HostnameRow>> ListAsync(Guid resellerId, CancellationToken ct) =>
        db.ResellerHostnames.AsNoTracking().Where(h => h.ResellerId == resellerId).OrderBy(h => h.Hostname)
            .Select(h => new HostnameRow(h.Id, h.Hostname, h.IsVerified)).ToListAsync(ct);

    public async Task<Result<ResellerHostname>> AddAsync(Guid resellerId, HostnameForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        if (!await db.Resellers.AnyAsync(r => r.Id == resellerId, ct))
        {
            return Result.NotFound;
        }

        var hostname = new ResellerHostname(resellerId, form.Hostname!, clock.GetUtcNow());
        if (await db.ResellerHostnames.AnyAsync(h => h.Hostname == hostname.Hostname, ct))
        {
            return Result.Refused(nameof(form.Hostname), "This host name is not available.");
        }

        db.ResellerHostnames.Add(hostname);
        await db.SaveChangesAsync(ct);
        return hostname;
    }

    public async Task<Result<ResellerHostname>> VerifyAsync(Guid resellerId, Guid id, CancellationToken ct)
    {
        var hostname = await db.ResellerHostnames.SingleOrDefaultAsync(h => h.Id == id && h.ResellerId == resellerId, ct);
        if (hostname is null)
        {
            return Result.NotFound;
        }

        hostname.Verify(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return hostname;
    }

    public async Task<Result<Done>> RemoveAsync(Guid resellerId, Guid id, CancellationToken ct)
    {
        var hostname = await db.ResellerHostnames.SingleOrDefaultAsync(h => h.Id == id && h.ResellerId == resellerId, ct);
        if (hostname is null)
        {
            return Result.NotFound;
        }

        db.ResellerHostnames.Remove(hostname);
        await db.SaveChangesAsync(ct);
        return Result.Done;
    }
}
