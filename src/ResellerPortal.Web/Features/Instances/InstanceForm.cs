using FluentValidation;
using ResellerPortal.Domain.Instances;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Instances;

/// <summary>The fields shared by the create and edit forms (the manual's list, in its order).</summary>
public abstract class InstanceForm
{
    public string LongName { get; set; } = string.Empty;

    public string Timezone { get; set; } = "Europe/Rome";

    public int? MaxAgents { get; set; } = 10;

    public int? RetentionDays { get; set; } = 365;

    public DateOnly? ExpirationDate { get; set; }

    public string State { get; set; } = "DEMO";

    public string Mode { get; set; } = "ON";

    public string? ContactPerson { get; set; }

    public string? ContactEmail { get; set; }

    public string? BillingPerson { get; set; }

    public string? BillingEmail { get; set; }

    public string? KMode { get; set; }

    public string? KNumber { get; set; }

    /// <summary>New K-ApiKey; empty keeps the current one (edit) or sets none (create).</summary>
    public string? KApiKey { get; set; }

    // Filled by the controller for the view.
    public bool MayUseTest { get; set; }

    public IReadOnlyList<OperatorChoice> Operators { get; set; } = [];

    public InstanceSettings ToSettings()
    {
        // The validator has refused anything else before this runs.
        var state = ClientStateText.TryParseState(State, out var s) ? s : throw new InvalidOperationException($"Unknown state {State}.");
        var mode = ClientStateText.TryParseMode(Mode, out var m) ? m : throw new InvalidOperationException($"Unknown mode {Mode}.");
        return new InstanceSettings(
            LongName, Timezone.Trim(), MaxAgents ?? 0, RetentionDays ?? 0, ExpirationDate, state, mode,
            ContactPerson, ContactEmail, BillingPerson, BillingEmail, KMode, KNumber);
    }

    public void Fill(Instance instance)
    {
        var s = instance.Settings;
        LongName = s.LongName;
        Timezone = s.Timezone;
        MaxAgents = s.MaxAgents;
        RetentionDays = s.RetentionDays;
        ExpirationDate = s.ExpirationDate;
        State = s.State.Code();
        Mode = s.Mode.Code();
        ContactPerson = s.ContactPerson;
        ContactEmail = s.ContactEmail;
        BillingPerson = s.BillingPerson;
        BillingEmail = s.BillingEmail;
        KMode = s.KMode;
        KNumber = s.KNumber;
    }
}

/// <summary>
/// The shared rules for the base type, the model of the shared partial (_InstanceFields): FluentValidation's
/// client-side adapters find a validator by the partial's model type to write its fields' data-val-*
/// attributes. Posts are validated by the concrete form's validator (create or edit).
/// </summary>
public sealed class InstanceFieldsValidator : InstanceFormValidator<InstanceForm>;

/// <summary>The field rules of §3 shared by create and edit.</summary>
public abstract class InstanceFormValidator<T> : AbstractValidator<T>
    where T : InstanceForm
{
    protected InstanceFormValidator()
    {
        RuleFor(x => x.LongName).NotEmpty().WithMessage("Enter the customer's full company name.")
            .MaximumLength(InstanceSettings.LongNameMaxLength);
        RuleFor(x => x.Timezone).Must(InstanceSettings.IsKnownTimezone)
            .WithMessage("Choose a time zone by its IANA name, e.g. Europe/Rome or America/New_York.");
        RuleFor(x => x.MaxAgents).NotNull().WithMessage("Enter the number of licensed agents.")
            .InclusiveBetween(InstanceSettings.MinAgents, InstanceSettings.MaxAgentsLimit)
            .WithMessage($"Max. agents is between {InstanceSettings.MinAgents} and {InstanceSettings.MaxAgentsLimit:N0}.");
        RuleFor(x => x.RetentionDays).NotNull().WithMessage("Enter the retention in days.")
            .InclusiveBetween(InstanceSettings.MinRetentionDays, InstanceSettings.MaxRetentionDays)
            .WithMessage($"Max. retention is between {InstanceSettings.MinRetentionDays} and {InstanceSettings.MaxRetentionDays:N0} days.");
        RuleFor(x => x.State).Must(s => ClientStateText.TryParseState(s, out _)).WithMessage("Choose DEMO, SOLD or TEST.");
        RuleFor(x => x.Mode).Must(m => ClientStateText.TryParseMode(m, out _)).WithMessage("Choose ON, EXPIRED or REMOVED.");
        RuleFor(x => x.ExpirationDate).WithinPortalDates();
        RuleFor(x => x.ContactPerson).MaximumLength(InstanceSettings.PersonMaxLength).WithMessage($"At most {InstanceSettings.PersonMaxLength} characters.");
        RuleFor(x => x.BillingPerson).MaximumLength(InstanceSettings.PersonMaxLength).WithMessage($"At most {InstanceSettings.PersonMaxLength} characters.");
        RuleFor(x => x.ContactEmail).MaximumLength(InstanceSettings.EmailMaxLength).WithMessage($"At most {InstanceSettings.EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.BillingEmail).MaximumLength(InstanceSettings.EmailMaxLength).WithMessage($"At most {InstanceSettings.EmailMaxLength} characters.")
            .EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.KMode).MaximumLength(InstanceSettings.KFieldMaxLength).WithMessage($"At most {InstanceSettings.KFieldMaxLength} characters.");
        RuleFor(x => x.KNumber).MaximumLength(InstanceSettings.KFieldMaxLength).WithMessage($"At most {InstanceSettings.KFieldMaxLength} characters.");
        RuleFor(x => x.KApiKey).MaximumLength(500).WithMessage("At most 500 characters.");
    }
}
