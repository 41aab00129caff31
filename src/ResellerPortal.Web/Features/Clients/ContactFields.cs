using FluentValidation;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Domain.Clients;

namespace ResellerPortal.Web.Features.Clients;

/// <summary>
/// A client's contact fields, named as <see cref="SignupFields"/> names them: the part of the client form
/// (<see cref="ClientForm"/>) that a client fills itself on the reseller's signup and profile pages, where
/// the reseller chooses which of them are shown.
/// </summary>
public abstract class ContactFields
{
    public string? FirstName { get; set; }

    public string? LastName { get; set; }

    public string? Company { get; set; }

    public string? Address { get; set; }

    public string? City { get; set; }

    public string? State { get; set; }

    public string? Country { get; set; }

    public string? Zip { get; set; }

    public string? Phone { get; set; }

    public string? VatNumber { get; set; }

    /// <summary>The field of this name (a <see cref="SignupFields"/> name), or null for any other name.</summary>
    public string? Get(string name) => name switch
    {
        nameof(FirstName) => FirstName,
        nameof(LastName) => LastName,
        nameof(Company) => Company,
        nameof(Address) => Address,
        nameof(City) => City,
        nameof(State) => State,
        nameof(Country) => Country,
        nameof(Zip) => Zip,
        nameof(Phone) => Phone,
        nameof(VatNumber) => VatNumber,
        _ => null,
    };

    /// <summary>Blanks every field not in <paramref name="shown"/>: a field the page did not offer is not taken from the post.</summary>
    public void KeepOnly(IReadOnlySet<string> shown) => Set(this, (name, mine, _) => shown.Contains(name) ? mine : null);

    /// <summary>Copies the fields in <paramref name="shown"/> onto <paramref name="target"/>; the others keep the target's values.</summary>
    public void CopyShownTo(ContactFields target, IReadOnlySet<string> shown) =>
        Set(target, (name, mine, theirs) => shown.Contains(name) ? mine ?? string.Empty : theirs);

    /// <summary>Fills the fields from a stored client, the phone number as people read it.</summary>
    protected void Fill(Client client)
    {
        FirstName = client.FirstName;
        LastName = client.LastName;
        Company = client.Company;
        Address = client.Address;
        City = client.City;
        State = client.State;
        Country = client.Country;
        Zip = client.Zip;
        Phone = PhoneNumber.Display(client.Phone);
        VatNumber = client.VatNumber;
    }

    /// <summary>Copies every field of this form onto <paramref name="target"/>.</summary>
    protected void CopyAllTo(ContactFields target) => Set(target, (_, mine, _) => mine);

    /// <summary>Sets each field of <paramref name="target"/> to what <paramref name="pick"/> makes of (name, this form's value, the target's value).</summary>
    private void Set(ContactFields target, Func<string, string?, string?, string?> pick)
    {
        target.FirstName = pick(nameof(FirstName), FirstName, target.FirstName);
        target.LastName = pick(nameof(LastName), LastName, target.LastName);
        target.Company = pick(nameof(Company), Company, target.Company);
        target.Address = pick(nameof(Address), Address, target.Address);
        target.City = pick(nameof(City), City, target.City);
        target.State = pick(nameof(State), State, target.State);
        target.Country = pick(nameof(Country), Country, target.Country);
        target.Zip = pick(nameof(Zip), Zip, target.Zip);
        target.Phone = pick(nameof(Phone), Phone, target.Phone);
        target.VatNumber = pick(nameof(VatNumber), VatNumber, target.VatNumber);
    }
}

/// <summary>
/// The contact fields' lengths, for the forms a client fills itself (they reach the browser as data-val-*);
/// the values then go through <see cref="ClientFormValidator"/>, which judges them as the client form does.
/// </summary>
public abstract class ContactFieldsValidator<T> : AbstractValidator<T>
    where T : ContactFields
{
    protected ContactFieldsValidator()
    {
        RuleFor(x => x.FirstName).MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.LastName).MaximumLength(Client.NameMaxLength);
        RuleFor(x => x.Company).MaximumLength(Client.CompanyMaxLength);
        RuleFor(x => x.Address).MaximumLength(Client.AddressMaxLength);
        RuleFor(x => x.City).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.State).MaximumLength(Client.CityMaxLength);
        RuleFor(x => x.Country).MaximumLength(2);
        RuleFor(x => x.Zip).MaximumLength(Client.ZipMaxLength);
        RuleFor(x => x.Phone).MaximumLength(40);
        RuleFor(x => x.VatNumber).MaximumLength(40);
    }
}
