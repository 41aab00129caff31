using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Web.Auth;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Records;

/// <summary>Adds a note to a record the user can see; anything else is a 404.</summary>
[Authorize(Policy = Policies.RecordEditors)]
public sealed class NotesController : Controller
{
    /// <summary>TempData keys of a refused note, read by the record pages into <see cref="RecordPanelModel"/>.</summary>
    public const string RefusedText = "NoteText";
    public const string RefusedMessage = "NoteError";

    /// <remarks>
    /// The one documented exception to re-showing a refused form in place: the notes form sits on the pages of
    /// other features (client, sub-account, package, DID), which this controller cannot render. A refusal goes
    /// back to the record's page through TempData instead, with the user's text and the message shown beside
    /// the field by <c>_RecordPanel</c>.
    /// </remarks>
    [HttpPost("/notes/{entityType}/{id:guid}")]
    public Task<IActionResult> Add(string entityType, Guid id, NoteForm form, [FromServices] AddNote add, CancellationToken ct) =>
        this.ShowAsync(add.FindAsync(entityType, id, ct), record =>
            this.SubmitAsync(form, () => add.HandleAsync(record, form, ct),
                done: _ => new GoTo(record.Page + "#notes", "Note added."),
                reshow: () =>
                {
                    TempData[RefusedText] = form.Text;
                    TempData[RefusedMessage] = string.Join(" ", ModelState.Values.SelectMany(v => v.Errors).Select(e => e.ErrorMessage));
                    return Redirect(record.Page + "#notes");
                }));
}
