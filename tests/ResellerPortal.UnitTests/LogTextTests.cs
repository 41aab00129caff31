using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class LogTextTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Missing_text_becomes_empty(string? value) =>
        Assert.Equal(string.Empty, LogText.Encode(value));

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("/operators/0195a0c0-0000-7000-8000-000000000001")]
    [InlineData("Zoë Ünal 日本 😀")]
    [InlineData("quote \" percent % braces {0}")]
    public void Printable_text_is_kept_as_it_is(string value) =>
        Assert.Equal(value, LogText.Encode(value));

    [Theory]
    [InlineData("\r", "\\u000d")]
    [InlineData("\n", "\\u000a")]
    [InlineData("\u001b", "\\u001b")]
    [InlineData("\t", "\\u0009")]
    [InlineData("\0", "\\u0000")]
    [InlineData("\u007f", "\\u007f")]
    [InlineData("\u0085", "\\u0085")] // NEL, a line break to some readers
    [InlineData("a\r\nb", "a\\u000d\\u000ab")]
    [InlineData("\u001b[31mred\u001b[0m", "\\u001b[31mred\\u001b[0m")]
    [InlineData("a\u2028b", "a\\u2028b")] // line separator
    [InlineData("a\u2029b", "a\\u2029b")] // paragraph separator
    [InlineData("\u202Egnp.exe", "\\u202egnp.exe")] // right-to-left override
    [InlineData("x\\u000ay", "x\\\\u000ay")] // a literal escape in the input stays distinguishable
    public void Control_characters_are_written_as_unicode_escapes(string value, string expected) =>
        Assert.Equal(expected, LogText.Encode(value));

    [Fact]
    public void User_input_cannot_start_a_new_log_line()
    {
        var forged = "bob@example.com\r\n2025-03-14 09:30:00 [INF] Security: login succeeded for admin@example.com";

        var encoded = LogText.Encode(forged);

        Assert.DoesNotContain('\r', encoded);
        Assert.DoesNotContain('\n', encoded);
        Assert.Equal("bob@example.com\\u000d\\u000a2025-03-14 09:30:00 [INF] Security: login succeeded for admin@example.com", encoded);
    }

    [Fact]
    public void Text_of_exactly_the_maximum_length_is_not_shortened()
    {
        var value = new string('a', 200);

        Assert.Equal(value, LogText.Encode(value));
    }

    [Fact]
    public void Longer_text_is_cut_at_the_maximum_length_and_ends_with_an_ellipsis()
    {
        var encoded = LogText.Encode(new string('a', 200) + "bcdef");

        Assert.Equal(new string('a', 200) + "…", encoded);
    }

    [Fact]
    public void Escape_that_would_cross_the_maximum_length_is_left_out_rather_than_overflowing()
    {
        var encoded = LogText.Encode(new string('a', 199) + "\nb");

        Assert.Equal(new string('a', 199) + "…", encoded);
    }

    [Fact]
    public void Text_made_only_of_control_characters_stays_within_the_maximum_length()
    {
        // 33 escapes of 6 characters make 198; a 34th would make 204.
        var encoded = LogText.Encode(new string('\n', 34));

        Assert.Equal(string.Concat(Enumerable.Repeat("\\u000a", 33)) + "…", encoded);
        Assert.Equal(199, encoded.Length);
    }

    [Fact]
    public void Huge_input_is_bounded()
    {
        var encoded = LogText.Encode(new string('\r', 100_000));

        Assert.True(encoded.Length <= 201, $"length {encoded.Length}");
        Assert.EndsWith("…", encoded, StringComparison.Ordinal);
    }
}
