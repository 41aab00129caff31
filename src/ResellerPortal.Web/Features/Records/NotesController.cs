using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.Data;

namespace ResellerPortal.Web.Features.Records;

/// <summary>Adds a note to a record the user can see; anything else is a 404.</summary>
[Authorize(Policy = Policies.RecordEditors)]
public sealed class NotesController(PortalDbContext db, RecordPanels panels, AuditActorAccessor actors, TimeProvider clock) : Controller
{
    [HttpPost("/notes/{entityType}/{id:guid}")]
    public async Task<IActionResult> Add(string entityType, Guid id, NoteForm form, CancellationToken ct)
    {
        var (visible, clientId) = await panels.FindAsync(entityType, id, ct);
        var page = RecordTypes.PageOf(entityType, id, clientId);
        if (!visible || page is null)
        {
            return NotFound();
        }

        if (!ModelState.IsValid)
        {
            // The record's page shows the text again with the reason under the field.
            TempData["NoteText"] = form.Text;
            TempData["NoteError"] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
            return Redirect(page + "#notes");
        }

        var actor = actors.Current();
        db.Notes.Add(new Note(db.Tenant.ResellerId!.Value, entityType, id, form.Text!, actor.UserId, actor.Name, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = "Note added.";
        return Redirect(page + "#notes");
    }
}
