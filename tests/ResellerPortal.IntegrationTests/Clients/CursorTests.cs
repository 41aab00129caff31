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
        var cursor = Cursor.Write(key, Id, 24_951);

        Assert.DoesNotContain('=', cursor);
        Assert.DoesNotContain('+', cursor);
        Assert.DoesNotContain('/', cursor);
        Assert.True(Cursor.TryRead(cursor, out var readKey, out var readId, out var position));
        Assert.Equal((key, Id, (int?)24_951), (readKey, readId, position));
    }

    [Fact]
    public void The_cursor_is_the_url_safe_base64_of_position_id_and_key_without_padding() =>
        Assert.Equal(
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("51." + Id.ToString("N") + "zoë ?>~")).TrimEnd('=').Replace('+', '-').Replace('/', '_'),
            Cursor.Write("zoë ?>~", Id, 51));

    [Fact]
    public void A_cursor_without_a_position_still_reads_and_has_none()
    {
        var old = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(Id.ToString("N") + "anna.j")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        Assert.True(Cursor.TryRead(old, out var key, out var id, out var position));
        Assert.Equal(("anna.j", Id, (int?)null), (key, id, position));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not base64!")]
    [InlineData("YWJj")]                      // "abc": too short for an id
    [InlineData("MDE5NWEwYzAwMDAwNzAwMDgwMDAwMDAwMDAwMDAwMnp6")] // 32 characters that are not hex, then a key
    public void Anything_else_is_not_a_cursor(string? cursor) =>
        Assert.False(Cursor.TryRead(cursor, out _, out _, out _));
}
