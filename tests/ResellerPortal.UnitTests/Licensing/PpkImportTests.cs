using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class PpkImportTests
{
    [Fact]
    public void Good_lines_are_kept_and_each_bad_line_is_reported_with_its_number_and_reason()
    {
        var pasted = string.Join('\n',
            "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90",
            "XQI-LOWAY-74KKMREX6TOH2:QM-50/1/0",
            "",
            "XQI-LOWAY-74KKMREX6TOH3:QM-10/1/30",
            "xqi-loway-74kkmrex6toh4:qm-10/1/30",
            "XQI-LOWAY-74KKMREX6TOH5QM-10/1/30");

        var import = PpkImport.Parse(pasted);

        Assert.Equal(
            [(1, "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90"), (4, "XQI-LOWAY-74KKMREX6TOH3:QM-10/1/30")],
            import.Keys.Select(k => (k.LineNumber, k.Ppk.Text)));
        Assert.Equal(
            [
                (2, PpkError.Zero, "The number of days must be at least 1"),
                (5, PpkError.LowerCase, "The key must be in upper case, exactly as sold"),
                (6, PpkError.MissingColon, "The key has no ':' between its id and its licence; expected <prefix>-<vendor>-<id>:<product>-<agents>/<servers>/<days>"),
            ],
            import.Errors.Select(e => (e.LineNumber, e.Error, e.Reason)));
        Assert.Equal("XQI-LOWAY-74KKMREX6TOH2:QM-50/1/0", import.Errors[0].Text);
    }

    [Fact]
    public void A_key_pasted_twice_is_kept_once_and_the_repeat_names_the_first_line()
    {
        var pasted = "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90\nXQI-LOWAY-74KKMREX6TOH2:QM-50/1/90\n  XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90\nXQI-LOWAY-74KKMREX6TOH1:QM-50/1/90";

        var import = PpkImport.Parse(pasted);

        Assert.Equal([1, 2], import.Keys.Select(k => k.LineNumber));
        Assert.Equal(
            [(3, PpkError.Duplicate, "The same key is already on line 1"), (4, PpkError.Duplicate, "The same key is already on line 1")],
            import.Errors.Select(e => (e.LineNumber, e.Error, e.Reason)));
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Line_numbers_count_every_kind_of_line_ending_and_blank_lines(string newline)
    {
        var pasted = string.Join(newline, "", "XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90", "   ", "\t", "BAD", "XQI-LOWAY-74KKMREX6TOH2:QM-50/1/90", "");

        var import = PpkImport.Parse(pasted);

        Assert.Equal([2, 6], import.Keys.Select(k => k.LineNumber));
        Assert.Equal([5], import.Errors.Select(e => e.LineNumber));
        Assert.DoesNotContain(import.Keys, k => k.Ppk.Text.Contains('\r', StringComparison.Ordinal));
    }

    [Fact]
    public void Spaces_around_a_pasted_key_are_ignored_but_spaces_inside_are_an_error()
    {
        var import = PpkImport.Parse("   XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90 \t\nXQI-LOWAY-74KKMREX6TOH2 :QM-50/1/90");

        Assert.Equal("XQI-LOWAY-74KKMREX6TOH1:QM-50/1/90", Assert.Single(import.Keys).Ppk.Text);
        var error = Assert.Single(import.Errors);
        Assert.Equal((2, PpkError.Whitespace), (error.LineNumber, error.Error));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("\n\n  \r\n")]
    public void Nothing_pasted_gives_no_keys_and_no_errors(string? pasted)
    {
        var import = PpkImport.Parse(pasted);

        Assert.Empty(import.Keys);
        Assert.Empty(import.Errors);
    }

    [Fact]
    public void A_long_bad_line_is_echoed_shortened()
    {
        var import = PpkImport.Parse(new string('A', 500));

        var error = Assert.Single(import.Errors);
        Assert.Equal(PpkError.TooLong, error.Error);
        Assert.Equal(new string('A', 120) + "…", error.Text);
    }
}
