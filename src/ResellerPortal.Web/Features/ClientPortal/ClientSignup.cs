using System.Threading.RateLimiting;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using ResellerPortal.Domain.Clients;
using ResellerPortal.Domain.Email;
using ResellerPortal.Web.Branding;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.Email;
using ResellerPortal.Web.Features.Clients;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.ClientPortal;

/// <summary>The self-signup form (§7): the client form's contact fields the reseller shows, the e-mail and a password.</summary>
public sealed class SignupForm : ContactFields
{
    public string? Email { get; set; }

    public string? Password { get; set; }

    public string? ConfirmPassword { get; set; }

    /// <summary>The reseller's client form with these values, so the client form's rules judge them.</summary>
    public ClientForm ToClientForm(Guid operatorId, DateOnly nextBillingDate)
    {
        var form = new ClientForm
        {
            OperatorId = operatorId,
            Email = Email,
            Currency = ClientSignup.Currency,
            NextBillingDate = nextBillingDate,
            BalanceManagement = BalanceManagement.Soft,
            StartInWait = true,
        };
        CopyAllTo(form);
        return form;
    }
}

/// <summary>The signup form's own fields; the contact fields are judged by the client form's validator (<see cref="ClientSignup"/>).</summary>
public sealed class SignupFormValidator : ContactFieldsValidator<SignupForm>
{
    public SignupFormValidator()
    {
        RuleFor(x => x.Email).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("Enter your email address; it will be your login.")
            .MaximumLength(Client.EmailMaxLength).EmailAddress().WithMessage("Enter an email address such as name@example.com.");
        RuleFor(x => x.Password).NewPassword();
        RuleFor(x => x.ConfirmPassword).RepeatsPassword(x => x.Password);
    }
}

/// <summary>
/// Self-signup on a reseller's portal (§7, seed 003 "Sign up"): the fields the reseller shows and requires,
/// judged by the reseller's own client-form rules (EU VAT included), make a client in WAIT on the reseller's
/// first operator (by name) with a login whose password the signup sets; a "signup awaiting activation"
/// e-mail goes out. An e-mail that already has a client at this reseller gets the same answer and nothing
/// is made or sent, so the form tells a stranger nothing about who is a client.
/// </summary>
public sealed class ClientSignup(
    PortalDbContext db,
    IValidator<SignupForm> validator,
    IValidator<ClientForm> clientValidator,
    IVatNumberChecker vat,
    ClientLogins logins,
    ClientEmails emails,
    TimeProvider clock)
{
    /// <summary>Signups are in EUR until resellers choose a default currency; the reseller can change it before any money moves.</summary>
    public const string Currency = "EUR";

    public const string Unavailable = "Sign-up is not available at the moment. Please contact us.";

    public async Task<Result<Done>> HandleAsync(ClientBrand brand, SignupForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        // Fields the reseller does not show are not taken from the form.
        var shown = brand.ShownFields;
        form.KeepOnly(shown);
        var required = brand.RequiredFields.Where(f => string.IsNullOrWhiteSpace(form.Get(f)))
            .Select(f => new Refusal(f, "This field is required.")).ToList();
        var operatorId = await db.Operators.OrderBy(o => o.Name).ThenBy(o => o.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (operatorId is null)
        {
            return Result.Refused(string.Empty, Unavailable);
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var clientForm = form.ToClientForm(operatorId.Value, new DateOnly(today.Year, today.Month, 1).AddMonths(1));
        var refusals = required.Concat((await clientValidator.RefuseAsync(clientForm, ct))?.All ?? [])
            .Where(r => r.Field.Length == 0 || shown.Contains(r.Field) || r.Field == nameof(SignupForm.Email))
            .DistinctBy(r => r.Field).ToList();
        var rules = (await ClientRules.RefuseAsync(db, vat, clientForm, ct))?.All ?? [];
        var emailTaken = rules.Any(r => r.Field == nameof(ClientForm.Email));
        refusals.AddRange(rules.Where(r => r.Field != nameof(ClientForm.Email) && !refusals.Any(x => x.Field == r.Field)));
        if (refusals.Count > 0)
        {
            return new Refusals(refusals);
        }

        if (emailTaken)
        {
            return Result.Done;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var client = Client.SignUp(brand.ResellerId, operatorId.Value, clientForm.Details(), Currency, clientForm.NextBillingDate!.Value, clock.GetUtcNow());
        db.Clients.Add(client);
        await db.SaveChangesAsync(ct);
        if (await logins.CreateLoginAsync(client, form.Password) is null)
        {
            await transaction.RollbackAsync(ct);
            return Result.Refused(nameof(form.Password), "Choose another password (at least 8 characters).");
        }

        await emails.EnqueueAsync(brand.ResellerId, EmailTemplateKind.SignupAwaitingActivation, client.Email, ClientLogins.Values(client, link: null), ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return Result.Done;
    }
}

/// <summary>
/// The per-reseller half of the signup limit (the per-address half is the rate limiter's named policy
/// <see cref="ClientPortalRegistration.SignupPolicy"/>): a fixed hourly window per reseller.
/// </summary>
public sealed class SignupLimiter(IOptions<ClientPortalOptions> options) : IDisposable
{
    private readonly PartitionedRateLimiter<Guid> _limiter = PartitionedRateLimiter.Create<Guid, Guid>(reseller =>
        RateLimitPartition.GetFixedWindowLimiter(reseller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(1, options.Value.SignupsPerResellerPerHour),
            Window = TimeSpan.FromHours(1),
            QueueLimit = 0,
        }));

    public bool TryAcquire(Guid resellerId)
    {
        using var lease = _limiter.AttemptAcquire(resellerId);
        return lease.IsAcquired;
    }

    public void Dispose() => _limiter.Dispose();
}
