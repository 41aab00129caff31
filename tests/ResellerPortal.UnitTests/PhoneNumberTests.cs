using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class PhoneNumberTests
{
    [Theory]
    [InlineData("+442079460000", "+442079460000")]
    [InlineData("+44 20 7946-0000", "+442079460000")]
    [InlineData("+44 (0)20 7946 0000", "+442079460000")] // the "(0)" people write after +44 is understood
    [InlineData("+44 20/7946.0000", "+442079460000")]
    [InlineData("0044 20 7946 0000", "+442079460000")]
    [InlineData("+1 (555) 123-4567", "+15551234567")] // fictional 555: possible, not "valid" (see PhoneNumber)
    [InlineData("+390212345678", "+390212345678")]  // Italy keeps its leading zero
    [InlineData("+447700900000", "+447700900000")]
    [InlineData("442079460000", null)]        // no +, no country to read it in
    [InlineData("+0442079460000", null)]      // country codes never start with 0
    [InlineData("+999 1234 5678", null)]      // no country has +999
    [InlineData("+1234567890123456", null)]   // 16 digits: too long
    [InlineData("+44 20 7946 0000 0000", null)]
    [InlineData("+1234567", null)]            // 7 digits: too short
    [InlineData("+44 20 7946", null)]
    [InlineData("+44207946000a", null)]
    [InlineData("1-800-FLOWERS", null)]       // libphonenumber would read the letters as keypad digits
    [InlineData("+44 20 7946 0000 ext. 12", null)]
    [InlineData("+442079460000\n", "+442079460000")]
    [InlineData("", null)]
    [InlineData("   ", null)]
    public void Numbers_are_normalised_to_E164_or_refused(string input, string? expected) =>
        Assert.Equal(expected, PhoneNumber.NormalizeE164(input));

    [Theory]
    [InlineData("020 7946 0000", "GB", "+442079460000")]
    [InlineData("020-7946-0000", "gb", "+442079460000")]
    [InlineData("(201) 555-0123", "US", "+12015550123")]
    [InlineData("(555) 123-4567", "US", null)]   // national form must be valid there, and 555 is not assigned
    [InlineData("12345", "DE", null)]             // possible in Germany's plan, but no such number
    [InlineData("02 1234 5678", "IT", "+390212345678")]
    [InlineData("0151 12345678", "DE", "+4915112345678")]
    [InlineData("01 42 68 53 00", "FR", "+33142685300")]
    [InlineData("+44 20 7946 0000", "FR", "+442079460000")] // the + wins over the region
    [InlineData("0044 20 7946 0000", "US", "+442079460000")] // 00 is always read as +
    [InlineData("020 7946 0000", null, null)]
    [InlineData("020 7946 0000", "", null)]
    [InlineData("020 7946 0000", "XX", null)]   // not a country the portal knows
    [InlineData("7946", "GB", null)]
    public void National_numbers_are_read_in_the_given_country(string input, string? region, string? expected) =>
        Assert.Equal(expected, PhoneNumber.NormalizeE164(input, region));

    [Theory]
    [InlineData("+442079460000", null)]
    [InlineData("+44 20 7946", "Not a phone number: too short")]
    [InlineData("+44 20 7946 0000 0000", "Not a phone number: too long")]
    [InlineData("+44207946000a", "Not a phone number: \"+44207946000a\" has characters other than digits")]
    [InlineData("+999 1234 5678", "Not a phone number: no country has that calling code")]
    [InlineData("442079460000", "Not a phone number: start with + and the country code")]
    [InlineData("", "Not a phone number: it is empty")]
    [InlineData("12345", "Not a phone number: 12345 is not a number in Germany", "DE")]
    public void The_problem_is_named_for_the_message_next_to_the_field(string input, string? expectedStart, string? region = null)
    {
        var problem = PhoneNumber.Problem(input, region);

        if (expectedStart is null)
        {
            Assert.Null(problem);
        }
        else
        {
            Assert.StartsWith(expectedStart, problem, StringComparison.Ordinal);
            Assert.EndsWith(".", problem, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void A_short_number_names_its_country_code() =>
        Assert.Equal("Not a phone number: too short for a number with country code +1.", PhoneNumber.Problem("+1 555 0100"));

    [Theory]
    [InlineData("+442079460000", "+44 20 7946 0000")]
    [InlineData("+15551234567", "+1 555-123-4567")]
    [InlineData("+390212345678", "+39 02 1234 5678")]
    [InlineData("+4915112345678", "+49 1511 2345678")]
    [InlineData("+33142685300", "+33 1 42 68 53 00")]
    [InlineData("not a number", "not a number")]  // shown as stored
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Numbers_are_displayed_in_international_format(string? stored, string expected) =>
        Assert.Equal(expected, PhoneNumber.Display(stored));

    [Theory]
    [InlineData("+442079460000", 44)]
    [InlineData("+15551234567", 1)]
    [InlineData("nonsense", 0)]
    public void Country_code_of_a_number(string number, int expected) =>
        Assert.Equal(expected, PhoneNumber.CountryCode(number));
}

public sealed class CountryCallingCodeTests
{
    public static TheoryData<string> Codes => [.. Countries.All.Select(c => c.Code)];

    /// <summary>The portal's own country list names calling codes for per-country rates; they must be the numbering plan's.</summary>
    [Theory]
    [MemberData(nameof(Codes))]
    public void Each_country_has_the_calling_code_libphonenumber_gives_it(string code) =>
        Assert.Equal(
            PhoneNumbers.PhoneNumberUtil.GetInstance().GetCountryCodeForRegion(code).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Countries.Find(code)!.CallingCode);
}
