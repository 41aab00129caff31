using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Notes;

/// <summary>
/// A free-text note on any record (seed 001 "Make a note"): client, package, DID, sub-account,
/// payment. Notes are only added, never edited, so they read as a log.
/// </summary>
public sealed class Note : ITenantOwned
{
    public const int TextMaxLength = 4000;
    public const int EntityTypeMaxLength = 50;

    private Note()
    {
        EntityType = Text = AuthorName = string.Empty;
    }

    public Note(Guid resellerId, string entityType, Guid entityId, string text, Guid? authorUserId, string authorName, DateTimeOffset at)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            throw new ArgumentException("A note needs text.", nameof(text));
        }

        Id = Guid.CreateVersion7(at);
        ResellerId = resellerId;
        EntityType = entityType;
        EntityId = entityId;
        Text = text.Trim();
        AuthorUserId = authorUserId;
        AuthorName = authorName;
        At = at;
    }

    public Guid Id { get; private set; }

    public Guid ResellerId { get; private set; }

    public string EntityType { get; private set; }

    public Guid EntityId { get; private set; }

    public string Text { get; private set; }

    public Guid? AuthorUserId { get; private set; }

    public string AuthorName { get; private set; }

    public DateTimeOffset At { get; private set; }
}
