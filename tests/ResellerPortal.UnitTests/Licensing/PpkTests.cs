using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class PpkTests
{
    private const string ManualExample = "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90";

    public static TheoryData<string, string, string, string, string, int, int, int> ValidKeys => new()
    {
        // The manual's example: three months.
        { ManualExample, "XQI", "LOWAY", "74KKMREX6TOH1", "QM", 50, 1, 90 },
        // The other lengths the manual lists: one month, one year, four years.
        { "XQI-LOWAY-74KKMREX6TOH2:QM-10/1/30", "XQI", "LOWAY", "74KKMREX6TOH2", "QM", 10, 1, 30 },
        { "XQI-LOWAY-74KKMREX6TOH3:QM-25/2/365", "XQI", "LOWAY", "74KKMREX6TOH3", "QM", 25, 2, 365 },
        { "XQI-LOWAY-74KKMREX6TOH4:QM-100/3/1460", "XQI", "LOWAY", "74KKMREX6TOH4", "QM", 100, 3, 1460 },
        // Product codes of other lengths, digits in every part, single-digit counts.
        { "A1-VENDOR2-9:W-1/1/1", "A1", "VENDOR2", "9", "W", 1, 1, 1 },
        { "ZZ9-LOWAY-K0:QMLIVE2-999999/10/31", "ZZ9", "LOWAY", "K0", "QMLIVE2", 999999, 10, 31 },
    };

    public static TheoryData<string?, PpkError, string> MalformedKeys => new()
    {
        { null, PpkError.Empty, "The key is empty" },
        { "", PpkError.Empty, "The key is empty" },
        // Missing colon.
        { "XQI-LOWAY-74KKMREX6TOH1QM-50/1/90", PpkError.MissingColon, "The key has no ':' between its id and its licence; expected <prefix>-<vendor>-<id>:<product>-<agents>/<servers>/<days>" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90:", PpkError.ExtraColon, "The key has more than one ':'" },
        // Non-numeric agents (and the other counts).
        { "XQI-LOWAY-74KKMREX6TOH1:QM-X/1/90", PpkError.NotANumber, "The number of agents 'X' is not a whole number" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-5O/1/90", PpkError.NotANumber, "The number of agents '5O' is not a whole number" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/A/90", PpkError.NotANumber, "The number of servers 'A' is not a whole number" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50//90", PpkError.NotANumber, "The number of servers is missing" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/9D", PpkError.NotANumber, "The number of days '9D' is not a whole number" },
        // Zero days (and the other counts).
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/0", PpkError.Zero, "The number of days must be at least 1" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/000", PpkError.Zero, "The number of days must be at least 1" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-0/1/90", PpkError.Zero, "The number of agents must be at least 1" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/0/90", PpkError.Zero, "The number of servers must be at least 1" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-050/1/90", PpkError.LeadingZero, "The number of agents '050' starts with 0" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-1000000/1/90", PpkError.TooLarge, "The number of agents '1000000' is too large" },
        // Lower case, anywhere.
        { "xqi-loway-74kkmrex6toh1:qm-50/1/90", PpkError.LowerCase, "The key must be in upper case, exactly as sold" },
        { "XQI-LOWAY-74KKMREX6ToH1:QM-50/1/90", PpkError.LowerCase, "The key must be in upper case, exactly as sold" },
        { "XQI-LOWAY-74KKMREX6TOH1:qm-50/1/90", PpkError.LowerCase, "The key must be in upper case, exactly as sold" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-abc/1/90", PpkError.NotANumber, "The number of agents 'ABC' is not a whole number" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-1/1/1x", PpkError.NotANumber, "The number of days '1X' is not a whole number" },
        { "xqi-loway-74kkmrex6toh1qm-50/1/90", PpkError.MissingColon, "The key has no ':' between its id and its licence" },
        // Extra spaces, inside or around.
        { "XQI-LOWAY-74KKMREX6TOH1: QM-50/1/90", PpkError.Whitespace, "The key contains spaces; write it on one line without spaces" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50 /1/90", PpkError.Whitespace, "The key contains spaces" },
        { "XQI - LOWAY - 74KKMREX6TOH1:QM-50/1/90", PpkError.Whitespace, "The key contains spaces" },
        { " XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90", PpkError.Whitespace, "The key contains spaces" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90 ", PpkError.Whitespace, "The key contains spaces" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90\t", PpkError.Whitespace, "The key contains spaces" },
        { "XQI-LOWAY-74KKMREX6TOH1:\nQM-50/1/90", PpkError.Whitespace, "The key contains spaces" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90\u00a0", PpkError.Whitespace, "The key contains spaces" },
        // Characters a key never has.
        { "XQI_LOWAY-74KKMREX6TOH1:QM-50/1/90", PpkError.InvalidCharacter, "The key contains '_', which is not allowed" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-５0/1/90", PpkError.InvalidCharacter, "The key contains the character U+FF15, which is not allowed" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90\u200b", PpkError.InvalidCharacter, "The key contains the character U+200B" },
        { "XQI-LÖWAY-74KKMREX6TOH1:QM-50/1/90", PpkError.InvalidCharacter, "The key contains the character U+00D6" },
        // Wrong shape on either side of the colon.
        { "XQI-74KKMREX6TOH1:QM-50/1/90", PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>" },
        { "XQI-LOWAY-74KK-MREX6TOH1:QM-50/1/90", PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>" },
        { "-LOWAY-74KKMREX6TOH1:QM-50/1/90", PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>" },
        { "XQI-LOWAY-74KK/MREX6TOH1:QM-50/1/90", PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM50/1/90", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>, e.g. QM-50/1/90" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90/7", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>" },
        { "XQI-LOWAY-74KKMREX6TOH1:-50/1/90", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>" },
        { "XQI-LOWAY-74KKMREX6TOH1:QM-50-1/90", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>" },
        { "XQI-LOWAY-74KKMREX6TOH1:", PpkError.MalformedLicence, "The part after ':' must be <product>-<agents>/<servers>/<days>" },
        { ":QM-50/1/90", PpkError.MalformedKeyId, "The part before ':' must be <prefix>-<vendor>-<id>" },
        { "XQI-LOWAY-74KKMREX6TOH1:9M-50/1/90", PpkError.MalformedProduct, "The product '9M' must start with a letter" },
        { "XQI-LOWAY-" + new string('7', 80) + ":QM-50/1/90", PpkError.TooLong, "The key is longer than 100 characters" },
    };

    [Theory]
    [MemberData(nameof(ValidKeys))]
    public void Valid_key_is_read_into_its_parts(string text, string prefix, string vendor, string id, string product, int agents, int servers, int days)
    {
        var result = Ppk.Parse(text);

        Assert.True(result.IsValid, result.Failure?.Reason);
        Assert.Null(result.Failure);
        var ppk = result.Ppk;
        Assert.Equal(text, ppk.Text);
        Assert.Equal(prefix, ppk.Prefix);
        Assert.Equal(vendor, ppk.Vendor);
        Assert.Equal(id, ppk.Id);
        Assert.Equal(product, ppk.Product);
        Assert.Equal(agents, ppk.Agents);
        Assert.Equal(servers, ppk.Servers);
        Assert.Equal(days, ppk.Days);
    }

    [Theory]
    [MemberData(nameof(MalformedKeys))]
    public void Malformed_key_is_refused_with_the_reason(string? text, PpkError error, string reason)
    {
        var result = Ppk.Parse(text);

        Assert.False(result.IsValid);
        Assert.Null(result.Ppk);
        Assert.Equal(error, result.Failure.Error);
        Assert.StartsWith(reason, result.Failure.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Key_of_exactly_the_maximum_length_is_accepted()
    {
        var text = "XQI-LOWAY-" + new string('7', 79) + ":QM-50/1/90";
        Assert.Equal(Ppk.MaxLength, text.Length);

        Assert.True(Ppk.Parse(text).IsValid);
    }

    [Fact]
    public void Masked_form_hides_the_id_but_the_last_four_characters()
    {
        var ppk = Ppk.FromText(ManualExample);

        Assert.Equal("XQI-LOWAY-*********TOH1:QM-50/1/90", ppk.Masked);
        Assert.Equal(ppk.Masked, ppk.ToString());
        Assert.DoesNotContain("74KKMREX6", $"activating {ppk}", StringComparison.Ordinal);
    }

    [Fact]
    public void Short_id_is_masked_entirely()
    {
        Assert.Equal("A1-VENDOR2-*:W-1/1/1", Ppk.FromText("A1-VENDOR2-9:W-1/1/1").Masked);
    }

    [Fact]
    public void Keys_with_the_same_text_are_equal()
    {
        var one = Ppk.FromText(ManualExample);
        var same = Ppk.FromText(string.Concat("XQI-LOWAY-", "74KKMREX6TOH1:QM-50/1/90"));
        var other = Ppk.FromText("XQI-LOWAY-74KKMREX6TOH2:QM-50/1/90");

        Assert.Equal(one, same);
        Assert.Equal(one.GetHashCode(), same.GetHashCode());
        Assert.NotEqual(one, other);
    }

    [Fact]
    public void Reading_a_stored_key_that_is_not_valid_throws_with_the_reason()
    {
        var ex = Assert.Throws<FormatException>(() => Ppk.FromText("XQI-LOWAY-74KKMREX6TOH1:QM-50/1/0"));

        Assert.Equal("The number of days must be at least 1", ex.Message);
    }
}
