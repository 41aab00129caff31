using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class OperatorTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 14, 9, 30, 0, TimeSpan.Zero);
    private static readonly Guid ResellerId = new("0195a0c0-0000-7000-8000-000000000001");

    [Theory]
    [InlineData("example.com")]
    [InlineData("eu.example-live.com")]
    [InlineData("a.io")]
    [InlineData("123.example.com")]
    [InlineData("sip1.eu-west.voice.example.co.uk")]
    [InlineData("xn--bcher-kva.de")] // an internationalised name in its ASCII form
    public void Dot_separated_host_names_are_valid_domains(string domain) =>
        Assert.True(Operator.IsValidDomain(domain));

    [Theory]
    [InlineData("EU.Example.COM")]
    [InlineData("example.com.")]
    [InlineData("  example.com ")]
    [InlineData("Example.Com.\n")]
    public void Upper_case_surrounding_spaces_and_a_trailing_dot_are_accepted_as_they_are_normalised(string domain) =>
        Assert.True(Operator.IsValidDomain(domain));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(".")]
    [InlineData("localhost")] // single label
    [InlineData("example")]
    [InlineData(".example.com")]
    [InlineData("example..com")]
    [InlineData("-example.com")]
    [InlineData("example-.com")]
    [InlineData("example.-com")]
    [InlineData("example.com-")]
    [InlineData("exa_mple.com")]
    [InlineData("exa mple.com")]
    [InlineData("example.com/path")]
    [InlineData("https://example.com")]
    [InlineData("example.com:8080")]
    [InlineData("user@example.com")]
    [InlineData("*.example.com")]
    [InlineData("10.0.0.1")] // an address, and the last label must start with a letter
    [InlineData("example.123")]
    [InlineData("bücher.de")] // must be given in its xn-- form
    [InlineData("例え.jp")]
    public void Anything_else_is_not_a_valid_domain(string? domain) =>
        Assert.False(Operator.IsValidDomain(domain));

    public static TheoryData<string, bool> LengthLimits => new()
    {
        // A label holds at most 63 characters.
        { new string('a', 63) + ".com", true },
        { new string('a', 64) + ".com", false },
        { "example." + new string('c', 63), true },
        { "example." + new string('c', 64), false },
        // The whole name holds at most 253 characters: 63 + 1 + 63 + 1 + 63 + 1 + 61 = 253.
        { $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}", true },
        { $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 62)}", false },
        // The trailing dot is not counted, as it is removed.
        { $"{new string('a', 63)}.{new string('b', 63)}.{new string('c', 63)}.{new string('d', 61)}.", true },
    };

    [Theory]
    [MemberData(nameof(LengthLimits))]
    public void Labels_are_at_most_63_and_names_at_most_253_characters(string domain, bool expected) =>
        Assert.Equal(expected, Operator.IsValidDomain(domain));

    [Theory]
    [InlineData("EU.Example.COM", "eu.example.com")]
    [InlineData("example.com.", "example.com")]
    [InlineData("  eu.example-live.com \n", "eu.example-live.com")]
    [InlineData("eu.example.com", "eu.example.com")]
    public void Normalising_a_domain_trims_lower_cases_and_drops_the_trailing_dot(string input, string expected) =>
        Assert.Equal(expected, Operator.NormalizeDomain(input));

    [Fact]
    public void New_operator_has_a_normalised_domain_and_trimmed_name()
    {
        var op = new Operator(ResellerId, "  EU ", "EU.Example-Live.com.", Now);

        Assert.Equal(ResellerId, op.ResellerId);
        Assert.Equal("EU", op.Name);
        Assert.Equal("eu.example-live.com", op.Domain);
        Assert.Equal(Now, op.CreatedAt);
        Assert.Equal(7, op.Id.Version);
    }

    [Fact]
    public void Moving_to_another_domain_normalises_it()
    {
        var op = new Operator(ResellerId, "EU", "eu.example.com", Now);

        op.MoveToDomain(" US.Example.com. ");

        Assert.Equal("us.example.com", op.Domain);
    }

    [Fact]
    public void Renaming_trims_the_name()
    {
        var op = new Operator(ResellerId, "EU", "eu.example.com", Now);

        op.Rename(" Europe ");

        Assert.Equal("Europe", op.Name);
    }
}
