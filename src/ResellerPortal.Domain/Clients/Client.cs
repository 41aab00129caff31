using System.Collections.Frozen;
using System.Globalization;
using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Clients;

/// <summary>Where a client is in its life (§5). WAIT is a self-signup not yet activated (§7).</summary>
public enum ClientStatus
{
    Wait,
    Active,
    Suspended,
    Blocked,
}

/// <summary>SOFT: the balance may go negative. HARD: the client is suspended when it reaches 0 (§5).</summary>
public enum BalanceManagement
{
    Soft,
    Hard,
}

/// <summary>The contact and billing details of a client, as the create and edit forms carry them.</summary>
public sealed record ClientDetails(
    string FirstName,
    string LastName,
    string Company,
    string Address,
    string City,
    string State,
    string Country,
    string Zip,
    string Email,
    string Phone,
    string? VatNumber);

/// <summary>
/// A reseller's end-customer (§5). A client belongs to one of the reseller's operators, which is how
/// a ResellerUser's operator scope reaches clients. Clients are never removed from the database
/// (their ledger must stay): deleting marks them deleted, and deleted clients are invisible.
/// </summary>
public sealed class Client : IOperatorOwned, IAudited
{
    public const int NameMaxLength = 100;
    public const int CompanyMaxLength = 150;
    public const int AddressMaxLength = 200;
    public const int CityMaxLength = 100;
    public const int ZipMaxLength = 20;
    public const int EmailMaxLength = 254;
    public const int VatMaxLength = 20;
    public const decimal ThresholdMin = 10m;
    public const decimal ThresholdMax = 500m;

    /// <summary>
    /// The one table of status moves (§5, §7): a signup waits until it is activated or blocked; an active
    /// client can be suspended or blocked; a suspended or blocked one comes back to ACTIVE (or moves between
    /// the two); nothing goes back to WAIT.
    /// </summary>
    private static readonly FrozenDictionary<ClientStatus, ClientStatus[]> AllowedMoves = new Dictionary<ClientStatus, ClientStatus[]>
    {
        [ClientStatus.Wait] = [ClientStatus.Active, ClientStatus.Blocked],
        [ClientStatus.Active] = [ClientStatus.Suspended, ClientStatus.Blocked],
        [ClientStatus.Suspended] = [ClientStatus.Active, ClientStatus.Blocked],
        [ClientStatus.Blocked] = [ClientStatus.Active, ClientStatus.Suspended],
    }.ToFrozenDictionary();

    private Client()
    {
        FirstName = LastName = Company = Address = City = State = Country = Zip = Email = Phone = Currency = string.Empty;
    }

    private Client(Guid resellerId, Guid operatorId, ClientDetails details, string currency, DateOnly nextBillingDate, ClientStatus status, DateTimeOffset createdAt)
        : this()
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        OperatorId = operatorId;
        Currency = Currencies.Normalize(currency);
        NextBillingDate = nextBillingDate;
        BillingDay = nextBillingDate.Day;
        Status = status;
        BalanceManagement = BalanceManagement.Soft;
        CreatedAt = createdAt;
        Update(details);
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public Guid OperatorId { get; private set; }

    public string FirstName { get; private set; }

    public string LastName { get; private set; }

    public string Company { get; private set; }

    public string Address { get; private set; }

    public string City { get; private set; }

    public string State { get; private set; }

    /// <summary>ISO 3166-1 alpha-2, or empty.</summary>
    public string Country { get; private set; }

    public string Zip { get; private set; }

    /// <summary>Lower-case; also the client's login to the white-label portal (§7).</summary>
    public string Email { get; private set; }

    public string Phone { get; private set; }

    /// <summary>ISO 4217; every amount on the client's ledger is in this currency.</summary>
    public string Currency { get; private set; }

    /// <summary>Canonical EU VAT number (e.g. DE123456789), required for EU business clients.</summary>
    public string? VatNumber { get; private set; }

    public DateOnly NextBillingDate { get; private set; }

    /// <summary>
    /// The day of the month the client is billed on (1–31), taken from the billing date a person sets.
    /// Recurring billing advances <see cref="NextBillingDate"/> a month at a time on this day, clamped to
    /// short months (see <c>BillingCalendar</c>), so a client billed on the 31st returns to the 31st.
    /// </summary>
    public int BillingDay { get; private set; }

    public ClientStatus Status { get; private set; }

    public BalanceManagement BalanceManagement { get; private set; }

    /// <summary>Low-balance warning threshold (10–500), or null for no warning.</summary>
    public decimal? LowBalanceThreshold { get; private set; }

    /// <summary>Where the low-balance warning goes; the client's email when empty.</summary>
    public string? LowBalanceEmail { get; private set; }

    /// <summary>
    /// The sum of the client's ledger rows, maintained by the database in the same transaction as each
    /// insert (statement-level trigger <c>ledger_entries_maintain_balance</c>); the application never writes it.
    /// </summary>
    public decimal Balance { get; private set; }

    /// <summary>True once the low-balance warning went out for the current crossing; re-armed when the balance rises above the threshold.</summary>
    public bool LowBalanceWarned { get; private set; }

    /// <summary>True when the system (not a person) suspended a HARD client at 0; only then does a payment re-activate it.</summary>
    public bool SuspendedBySystem { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public DateTimeOffset? ActivatedAt { get; private set; }

    public DateTimeOffset? DeletedAt { get; private set; }

    public string DisplayName => string.IsNullOrEmpty(LastName) ? FirstName : FirstName + " " + LastName;

    /// <summary>A client the reseller creates; active at once unless it is asked to wait.</summary>
    public static Client Create(Guid resellerId, Guid operatorId, ClientDetails details, string currency, DateOnly nextBillingDate, DateTimeOffset now, bool active = true)
    {
        var client = new Client(resellerId, operatorId, details, currency, nextBillingDate, active ? ClientStatus.Active : ClientStatus.Wait, now);
        if (active)
        {
            client.ActivatedAt = now;
        }

        return client;
    }

    /// <summary>A client who signed up on the white-label page: waits for the reseller's activation (§7).</summary>
    public static Client SignUp(Guid resellerId, Guid operatorId, ClientDetails details, string currency, DateOnly nextBillingDate, DateTimeOffset now) =>
        new(resellerId, operatorId, details, currency, nextBillingDate, ClientStatus.Wait, now);

    /// <summary>True when EU VAT rules require a VAT number: a business (company set) in an EU country.</summary>
    public static bool RequiresVatNumber(string? country, string? company) =>
        Countries.IsEu(country) && !string.IsNullOrWhiteSpace(company);

    public void Update(ClientDetails details)
    {
        FirstName = details.FirstName.Trim();
        LastName = details.LastName.Trim();
        Company = details.Company.Trim();
        Address = details.Address.Trim();
        City = details.City.Trim();
        State = details.State.Trim();
        Country = Countries.Normalize(details.Country);
        Zip = details.Zip.Trim();
        Email = details.Email.Trim().ToLowerInvariant();
        Phone = details.Phone.Trim();
        VatNumber = string.IsNullOrWhiteSpace(details.VatNumber) ? null : StoredVatNumber(Country, details.VatNumber);
    }

    /// <summary>The VAT number as stored (an EU number without its country prefix); its length is what <see cref="VatMaxLength"/> limits.</summary>
    public static string StoredVatNumber(string? country, string vatNumber) =>
        EuVat.Normalize(Countries.Normalize(country), vatNumber) ?? vatNumber.Trim().ToUpperInvariant();

    public void MoveToOperator(Guid operatorId) => OperatorId = operatorId;

    public void ChangeCurrency(string currency) => Currency = Currencies.Normalize(currency);

    public void ScheduleNextBilling(DateOnly date)
    {
        if (date != NextBillingDate)
        {
            NextBillingDate = date;
            BillingDay = date.Day;
        }
    }

    /// <summary>HARD needs an activated account: the manual sets it "once the client's account is activated".</summary>
    public void ManageBalance(BalanceManagement mode, decimal? threshold, string? warningEmail)
    {
        if (mode == BalanceManagement.Hard && Status == ClientStatus.Wait)
        {
            throw new RuleViolationException(nameof(BalanceManagement), "A client waiting for activation is SOFT; switch to HARD once it is active.");
        }

        if (threshold is { } t && !IsValidThreshold(t))
        {
            throw new RuleViolationException(nameof(LowBalanceThreshold), string.Create(CultureInfo.InvariantCulture, $"The low-balance threshold is between {ThresholdMin:0} and {ThresholdMax:0}."));
        }

        BalanceManagement = mode;
        LowBalanceThreshold = threshold;
        LowBalanceEmail = string.IsNullOrWhiteSpace(warningEmail) ? null : warningEmail.Trim().ToLowerInvariant();
    }

    public static bool IsValidThreshold(decimal threshold) => threshold is >= ThresholdMin and <= ThresholdMax;

    /// <summary>Whether the table allows the move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(ClientStatus from, ClientStatus to) => AllowedMoves[from].Contains(to);

    /// <summary>Why <paramref name="target"/> cannot be reached from the current status; null when it can.</summary>
    public string? RefusalToMoveTo(ClientStatus target)
    {
        if (CanMove(Status, target))
        {
            return null;
        }

        if (Status == target)
        {
            return $"The client is already {Label(target)}.";
        }

        return target == ClientStatus.Wait
            ? "A client cannot go back to WAIT."
            : Status == ClientStatus.Wait && target == ClientStatus.Suspended
                ? "A client waiting for activation cannot be suspended; activate or block it."
                : $"A {Label(Status)} client cannot become {Label(target)}.";
    }

    /// <summary>
    /// The one way a client's status changes, along <see cref="AllowedMoves"/>; any other move is refused
    /// (<see cref="RuleViolationException"/>). The first activation is remembered.
    /// </summary>
    public void ChangeStatus(ClientStatus target, DateTimeOffset now)
    {
        if (RefusalToMoveTo(target) is { } refusal)
        {
            throw new RuleViolationException(nameof(Status), refusal);
        }

        Status = target;
        SuspendedBySystem = false;
        if (target == ClientStatus.Active)
        {
            ActivatedAt ??= now;
        }
    }

    /// <summary>
    /// The balance rules of §5/§6, applied after every ledger change with the balance as stored
    /// (<paramref name="balance"/>), under a lock on the client's row so two writers cannot both act:
    /// <list type="bullet">
    /// <item>a HARD, ACTIVE client whose balance reaches 0 or less is suspended by the system;</item>
    /// <item>a client the system suspended is re-activated when the balance rises above 0 (one a person suspended stays suspended);</item>
    /// <item>the low-balance warning goes out once per crossing below the threshold, and is armed again when the balance rises to the threshold or above.</item>
    /// </list>
    /// </summary>
    public BalanceEffects ApplyBalance(decimal balance, DateTimeOffset now)
    {
        var effects = PreviewBalance(balance);
        if (effects.Suspended)
        {
            Status = ClientStatus.Suspended;
            SuspendedBySystem = true;
        }
        else if (effects.Reactivated)
        {
            Status = ClientStatus.Active;
            SuspendedBySystem = false;
            ActivatedAt ??= now;
        }

        if (effects.SendLowBalanceWarning)
        {
            LowBalanceWarned = true;
        }
        else if (LowBalanceWarned && LowBalanceThreshold is { } threshold && balance >= threshold)
        {
            LowBalanceWarned = false;
        }

        return effects;
    }

    /// <summary>What <see cref="ApplyBalance"/> would do at <paramref name="balance"/>, changing nothing (the next-charge preview asks).</summary>
    public BalanceEffects PreviewBalance(decimal balance)
    {
        var suspend = BalanceManagement == BalanceManagement.Hard && Status == ClientStatus.Active && balance <= 0m;
        var reactivate = !suspend && SuspendedBySystem && Status == ClientStatus.Suspended && balance > 0m;
        var warn = LowBalanceThreshold is { } threshold && !LowBalanceWarned && balance < threshold;
        return new BalanceEffects(suspend, reactivate, warn);
    }

    /// <summary>Marks the client deleted. The caller checks first that nothing is connected (§5).</summary>
    public void Delete(DateTimeOffset now) => DeletedAt ??= now;

    public static string Label(ClientStatus status) => status switch
    {
        ClientStatus.Wait => "WAIT",
        ClientStatus.Active => "ACTIVE",
        ClientStatus.Suspended => "SUSPENDED",
        ClientStatus.Blocked => "BLOCKED",
    };

    public static ClientStatus? ParseStatus(string? label) =>
        Enum.GetValues<ClientStatus>().Cast<ClientStatus?>().FirstOrDefault(s => string.Equals(Label(s!.Value), label?.Trim(), StringComparison.OrdinalIgnoreCase));
}

/// <summary>What <see cref="Client.ApplyBalance"/> did: the caller sends the warning e-mail when <see cref="SendLowBalanceWarning"/>.</summary>
public readonly record struct BalanceEffects(bool Suspended, bool Reactivated, bool SendLowBalanceWarning);
