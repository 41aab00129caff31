using ResellerPortal.Web.Features.Clients;

namespace ResellerPortal.IntegrationTests.Clients;

/// <summary>The keyset cursor (base64url from the BCL): bench/clients builds the same text with base64 | tr.</summary>
public sealed class CursorTests
{
    private static readonly Guid Id = new("0195a0c0-0000-7000-8000-00000000002a");

    [Theory]
    [InlineData("anna johnson")]
    [InlineData("zoë ?>~ ü")]   // bytes that base64 writes as + and / in the standard alphabet
    [InlineData("")]
    public void A_cursor_reads_back_its_key_and_id(string key)
    {
        var cursor = Cursor.Write(key, Id, 24_951, 1_001);

        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.Equal(new Cursor(key, Id, 24_951, 1_001), Cursor.Read(cursor));
    }

    [Fact]
    public void The_cursor_is_the_url_safe_base64_of_position_total_id_and_key_without_padding() =>
        Assert.Equal(
            Base64("51.320." + Id.ToString("N") + "zoë ?>~"),
            Cursor.Write("zoë ?>~", Id, 51, 320));

    [Theory]
    [InlineData("51.", 51)]          // written before the total was carried
    [InlineData("", null)]           // written before the position was
    public void An_older_cursor_still_reads_and_has_no_total(string numbers, int? position) =>
        Assert.Equal(new Cursor("anna.j", Id, position, null), Cursor.Read(Base64(numbers + Id.ToString("N") + "anna.j")));

    [Fact]
    public void A_key_with_dots_and_digits_is_not_taken_for_a_number() =>
        Assert.Equal(new Cursor("12.34.", Id, 7, 8), Cursor.Read(Cursor.Write("12.34.", Id, 7, 8)));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("YWJj")]                      // "abc": too short for an id
    [InlineData("MDE5NWEwYzAwMDAwNzAwMDgwMDAwMDAwMDAwMDAwMnp6")] // 32 characters that are not hex, then a key
    public void Anything_else_is_not_a_cursor(string? cursor) =>
        Assert.Null(Cursor.Read(cursor));

    private static string Base64(string text) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
