namespace ResellerPortal.Domain;

/// <summary>
/// A change the domain's rules refuse; <see cref="Field"/> names the form field the message belongs
/// beside (empty for the whole form). Thrown by entities, turned into a refusal by the web layer's one
/// result helper, so a rule a user's input breaks is never a 500.
/// </summary>
public class RuleViolationException : Exception
{
    public RuleViolationException(string field, string message)
        : base(message) => Field = field;

    public RuleViolationException(string field, string message, Exception inner)
        : base(message, inner) => Field = field;

    public string Field { get; }
}
