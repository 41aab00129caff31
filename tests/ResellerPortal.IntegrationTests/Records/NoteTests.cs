using System.Net;
using Microsoft.EntityFrameworkCore;
using ResellerPortal.IntegrationTests.Support;
using ResellerPortal.Web.DemoData;

namespace ResellerPortal.IntegrationTests.Records;

/// <summary>The notes form on a record's page: a refused note comes back with the user's text and the reason beside the field.</summary>
public sealed class NoteTests(PostgresFixture postgres) : PortalTest(postgres)
{
    [Fact]
    public async Task A_refused_note_keeps_the_text_and_shows_the_reason_beside_the_field_and_saves_nothing()
    {
        var alpha = await ResellerIdAsync("alpha");
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == alpha).OrderBy(c => c.Email).Select(c => c.Id).FirstAsync());
        var notes = await AsPlatformAsync(db => db.Notes.CountAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);
        var tooLong = new string('n', 4001);

        var response = await owner.SubmitAsync($"/clients/{client}", [new("Text", tooLong)], $"/notes/Client/{client}");
        var (_, page) = await owner.GetPageAsync($"/clients/{client}");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal($"/clients/{client}#notes", response.Headers.Location!.OriginalString);
        // The text comes back as far as the page's temporary storage keeps it (a bounded cookie).
        Assert.StartsWith(new string('n', 500), page.QuerySelector("textarea[name=Text]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("A note is at most 4000 characters.", page.QuerySelector("[data-valmsg-for='Text']")!.TextContent.Trim());
        Assert.Equal(notes, await AsPlatformAsync(db => db.Notes.CountAsync()));
    }

    [Fact]
    public async Task A_note_is_added_by_the_signed_in_user_and_another_reseller_s_record_is_not_found()
    {
        var alpha = await ResellerIdAsync("alpha");
        var beta = await ResellerIdAsync("beta");
        var client = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == alpha).OrderBy(c => c.Email).Select(c => c.Id).FirstAsync());
        var foreign = await AsPlatformAsync(db => db.Clients.Where(c => c.ResellerId == beta).Select(c => c.Id).FirstAsync());
        using var owner = await SignedInAsync(DemoSeeder.Reseller1Email);

        var added = await owner.SubmitAsync($"/clients/{client}", [new("Text", "Called back.")], $"/notes/Client/{client}");
        var refused = await owner.SubmitAsync($"/clients/{client}", [new("Text", "Not mine.")], $"/notes/Client/{foreign}");

        Assert.Equal(HttpStatusCode.Redirect, added.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        var note = await AsPlatformAsync(db => db.Notes.SingleAsync(n => n.EntityId == client && n.Text == "Called back."));
        Assert.Equal(DemoSeeder.Reseller1Email, note.AuthorName);
        Assert.False(await AsPlatformAsync(db => db.Notes.AnyAsync(n => n.EntityId == foreign)));
    }
}
