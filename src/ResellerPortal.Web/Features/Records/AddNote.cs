using FluentValidation;
using ResellerPortal.Domain.Notes;
using ResellerPortal.Web.Auditing;
using ResellerPortal.Web.Data;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Records;

public sealed class NoteForm
{
    public string? Text { get; set; }
}

public sealed class NoteFormValidator : AbstractValidator<NoteForm>
{
    public NoteFormValidator() =>
        RuleFor(x => x.Text).Cascade(CascadeMode.Stop)
            .Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Write the note first.")
            .MaximumLength(Note.TextMaxLength).WithMessage($"A note is at most {Note.TextMaxLength} characters.");
}

/// <summary>A record the current user can see, and the page it lives on (where its notes panel is).</summary>
public sealed record NotedRecord(string EntityType, Guid Id, string Page);

/// <summary>Adds a note to a record the user can see (tenant and operator filters); anything else is not found.</summary>
public sealed class AddNote(PortalDbContext db, RecordPanels panels, IValidator<NoteForm> validator, AuditActorAccessor actors, TimeProvider clock)
{
    /// <summary>The record and its page, or not found.</summary>
    public async Task<Result<NotedRecord>> FindAsync(string entityType, Guid id, CancellationToken ct)
    {
        var (visible, clientId) = await panels.FindAsync(entityType, id, ct);
        return visible && RecordTypes.PageOf(entityType, id, clientId) is { } page
            ? new NotedRecord(entityType, id, page)
            : Result.NotFound;
    }

    public async Task<Result<Note>> HandleAsync(NotedRecord record, NoteForm form, CancellationToken ct)
    {
        if (await validator.RefuseAsync(form, ct) is { } invalid)
        {
            return invalid;
        }

        var actor = actors.Current();
        var note = new Note(db.Tenant.ResellerId!.Value, record.EntityType, record.Id, form.Text!, actor.UserId, actor.Name, clock.GetUtcNow());
        db.Notes.Add(note);
        await db.SaveChangesAsync(ct);
        return note;
    }
}
