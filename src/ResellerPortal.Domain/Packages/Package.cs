using ResellerPortal.Domain.Auditing;
using ResellerPortal.Domain.Money;
using ResellerPortal.Domain.Rating;
using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Packages;

/// <summary>The termination route for international calls (seed 003: Value or Premium).</summary>
public enum TerminationRoute
{
    Value,
    Premium,
}

/// <summary>What a client's portal shows (seed 003 "View setting").</summary>
public enum ViewSetting
{
    Standard,
    Simple,
    SimpleHideServices,
}

/// <summary>Services a client may manage in their portal when the package decides (seed 003 "Services (Show)").</summary>
[Flags]
#pragma warning disable CA1711 // "Services" is the product's word; the flag suffix rule does not apply.
public enum ClientServices
#pragma warning restore CA1711
{
    None = 0,
    SubAccounts = 1,
    Dids = 2,
    Voicemail = 4,
    CallForwarding = 8,
    Ivr = 16,
    RingGroups = 32,
    Fax = 64,
    CallerId = 128,
    CallRecording = 256,
    Cdr = 512,
    Balance = 1024,
}

/// <summary>
/// A reseller's price plan (§5), assigned to sub-accounts: the outbound markup, pulse, route, fees,
/// free minutes, per-area rates, free zones and what the client may manage. Amounts are in
/// <see cref="Currency"/>; a package is only assigned to sub-accounts of clients billed in it.
/// </summary>
public sealed class Package : ITenantOwned, IAudited
{
    public const int NameMaxLength = 100;
    public const int LinesMaxLength = 20_000;

    private Package()
    {
        Name = string.Empty;
        Currency = string.Empty;
        AreaRatesText = string.Empty;
        FreeZonesText = string.Empty;
    }

    public Package(Guid resellerId, string name, string currency, DateTimeOffset createdAt)
    {
        Id = Guid.CreateVersion7(createdAt);
        ResellerId = resellerId;
        Name = name.Trim();
        Currency = Currencies.Normalize(currency);
        CreatedAt = createdAt;
        PulseFirst = 60;
        PulseNext = 60;
        Route = TerminationRoute.Value;
        AreaRatesText = string.Empty;
        FreeZonesText = string.Empty;
        Services = ClientServices.SubAccounts | ClientServices.Dids | ClientServices.Voicemail | ClientServices.Cdr | ClientServices.Balance;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public string Name { get; private set; }

    public string Currency { get; private set; }

    /// <summary>Added to the provider's cost per minute before the percentage.</summary>
    public decimal MarkupFixed { get; private set; }

    /// <summary>Percentage applied to cost plus fixed markup, e.g. 20 for 20 %.</summary>
    public decimal MarkupPercent { get; private set; }

    public int PulseFirst { get; private set; }

    public int PulseNext { get; private set; }

    public TerminationRoute Route { get; private set; }

    /// <summary>Calls to other customers of the provider are free (seed 003 "VoIP.ms to VoIP.ms calls").</summary>
    public bool FreeOnNetCalls { get; private set; }

    /// <summary>Charged per connected sub-account each billing period.</summary>
    public decimal MonthlyFee { get; private set; }

    /// <summary>Charged once when the package is connected to a sub-account.</summary>
    public decimal SetupFee { get; private set; }

    /// <summary>Free minutes per sub-account and billing period, inbound and outbound, each call rounded up to whole minutes.</summary>
    public int FreeMinutes { get; private set; }

    /// <summary>Per-area rates in the text form of <see cref="PackageLines"/>.</summary>
    public string AreaRatesText { get; private set; }

    /// <summary>Free zones in the text form of <see cref="PackageLines"/>.</summary>
    public string FreeZonesText { get; private set; }

    /// <summary>True when the package decides the client's services ("Package configuration"); false: the reseller's defaults.</summary>
    public bool UsesPackageServices { get; private set; }

    public ClientServices Services { get; private set; }

    public ViewSetting ViewSetting { get; private set; }

    /// <summary>The client may edit the settings of their sub-accounts (password, device, codecs…).</summary>
    public bool ClientCanEditSubAccounts { get; private set; }

    public DateTimeOffset CreatedAt { get; private set; }

    public Pulse Pulse => new(PulseFirst, PulseNext);

    public IReadOnlyList<AreaRate> AreaRates => PackageLines.ParseAreaRates(AreaRatesText, out _);

    public IReadOnlyList<FreeZone> FreeZones => PackageLines.ParseFreeZones(FreeZonesText, out _);

    /// <summary>What the rating engine needs of this package.</summary>
    public RatingTerms Terms => new(Currency, MarkupFixed, MarkupPercent, Pulse, FreeOnNetCalls, AreaRates, FreeZones);

    public void Rename(string name) => Name = name.Trim();

    public void ChangeCurrency(string currency) => Currency = Currencies.Normalize(currency);

    public void SetMarkup(decimal fixedPerMinute, decimal percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(fixedPerMinute);
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        MarkupFixed = fixedPerMinute;
        MarkupPercent = percent;
    }

    public void SetPulse(Pulse pulse)
    {
        if (!pulse.IsValid)
        {
            throw new ArgumentOutOfRangeException(nameof(pulse), pulse, "Each increment must be 1–3600 seconds.");
        }

        PulseFirst = pulse.First;
        PulseNext = pulse.Next;
    }

    public void SetRouting(TerminationRoute route, bool freeOnNetCalls)
    {
        Route = route;
        FreeOnNetCalls = freeOnNetCalls;
    }

    public void SetFees(decimal monthlyFee, decimal setupFee)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(monthlyFee);
        ArgumentOutOfRangeException.ThrowIfNegative(setupFee);
        MonthlyFee = monthlyFee;
        SetupFee = setupFee;
    }

    public void SetFreeMinutes(int minutes)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        FreeMinutes = minutes;
    }

    public void SetAreaRates(IEnumerable<AreaRate> rates) => AreaRatesText = PackageLines.FormatAreaRates(rates);

    public void SetFreeZones(IEnumerable<FreeZone> zones) => FreeZonesText = PackageLines.FormatFreeZones(zones);

    public void SetServices(bool usesPackageServices, ClientServices services, ViewSetting view, bool clientCanEditSubAccounts)
    {
        UsesPackageServices = usesPackageServices;
        Services = services;
        ViewSetting = view;
        ClientCanEditSubAccounts = clientCanEditSubAccounts;
    }

    /// <summary>A new package with the same terms under another name ("copy").</summary>
    public Package CopyAs(string name, DateTimeOffset now)
    {
        var copy = new Package(ResellerId, name, Currency, now);
        copy.SetMarkup(MarkupFixed, MarkupPercent);
        copy.SetPulse(Pulse);
        copy.SetRouting(Route, FreeOnNetCalls);
        copy.SetFees(MonthlyFee, SetupFee);
        copy.SetFreeMinutes(FreeMinutes);
        copy.AreaRatesText = AreaRatesText;
        copy.FreeZonesText = FreeZonesText;
        copy.SetServices(UsesPackageServices, Services, ViewSetting, ClientCanEditSubAccounts);
        return copy;
    }
}
