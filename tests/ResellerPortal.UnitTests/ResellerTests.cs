using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class ResellerTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("ab")]
    [InlineData("acme")]
    [InlineData("acme-telecom")]
    [InlineData("a-b-c")]
    [InlineData("a1")]
    [InlineData("42")]
    [InlineData("acme-2-eu")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcd")] // exactly 40
    public void Lower_case_letters_digits_and_single_inner_dashes_are_a_valid_slug(string slug) =>
        Assert.True(Reseller.IsValidSlug(slug));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a")] // too short
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456789abcde")] // 41, too long
    [InlineData("Acme")] // not normalised
    [InlineData("-acme")]
    [InlineData("acme-")]
    [InlineData("-")]
    [InlineData("--")]
    [InlineData("ac--me")]
    [InlineData("ac me")]
    [InlineData(" acme")]
    [InlineData("acme ")]
    [InlineData("acme\n")]
    [InlineData("ac_me")]
    [InlineData("ac.me")]
    [InlineData("ac/me")]
    [InlineData("café")]
    [InlineData("ａｃｍｅ")] // full-width letters
    [InlineData("acme\u00a0eu")] // no-break space
    public void Anything_else_is_not_a_valid_slug(string? slug) =>
        Assert.False(Reseller.IsValidSlug(slug));

    [Theory]
    [InlineData("Acme", "acme")]
    [InlineData("ACME-Telecom", "acme-telecom")]
    [InlineData("  acme-eu \t", "acme-eu")]
    [InlineData("acme", "acme")]
    [InlineData("Café", "café")]
    public void Normalising_a_slug_trims_and_lower_cases_it(string input, string expected) =>
        Assert.Equal(expected, Reseller.NormalizeSlug(input));

    [Theory]
    [InlineData(" Acme-Telecom ", true)]
    [InlineData("A", false)] // still too short
    [InlineData("Acme--EU", false)] // normalising does not repair dashes
    [InlineData("Ac Me", false)]
    [InlineData("Café", false)]
    public void Upper_case_and_surrounding_spaces_are_accepted_once_normalised(string input, bool expected) =>
        Assert.Equal(expected, Reseller.IsValidSlug(Reseller.NormalizeSlug(input)));

    [Fact]
    public void New_reseller_is_active_with_a_normalised_slug_and_trimmed_name()
    {
        var reseller = new Reseller("  Acme Telecom ", " ACME-Telecom ", Now);

        Assert.Equal("Acme Telecom", reseller.Name);
        Assert.Equal("acme-telecom", reseller.Slug);
        Assert.True(reseller.IsActive);
        Assert.Equal(Now, reseller.CreatedAt);
        Assert.Equal(7, reseller.Id.Version);
    }

    [Fact]
    public void Changing_the_slug_normalises_it()
    {
        var reseller = new Reseller("Acme", "acme", Now);

        reseller.ChangeSlug(" Acme-EU ");

        Assert.Equal("acme-eu", reseller.Slug);
    }

    [Fact]
    public void Renaming_trims_the_name()
    {
        var reseller = new Reseller("Acme", "acme", Now);

        reseller.Rename("  Acme Voice\t");

        Assert.Equal("Acme Voice", reseller.Name);
    }

    [Fact]
    public void Deactivated_reseller_can_be_activated_again()
    {
        var reseller = new Reseller("Acme", "acme", Now);

        reseller.Deactivate();
        Assert.False(reseller.IsActive);

        reseller.Activate();
        Assert.True(reseller.IsActive);
    }
}
