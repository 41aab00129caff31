using ResellerPortal.Domain.Tenancy;

namespace ResellerPortal.Domain.Instances;

/// <summary>
/// Records that the warning for one threshold of one certificate was sent. Its key (operator,
/// expiry date, threshold) is the natural key that makes the warning job idempotent: a second run,
/// or a second node, finds the row and sends nothing.
/// </summary>
public sealed class CertificateWarning : ITenantOwned
{
    private CertificateWarning()
    {
    }

    public CertificateWarning(Guid resellerId, Guid operatorId, DateOnly expiresOn, int threshold, DateTimeOffset sentAt)
    {
        ResellerId = resellerId;
        OperatorId = operatorId;
        ExpiresOn = expiresOn;
        Threshold = threshold;
        SentAt = sentAt;
    }

    public Guid ResellerId { get; private set; }

    public Guid OperatorId { get; private set; }

    public DateOnly ExpiresOn { get; private set; }

    public int Threshold { get; private set; }

    public DateTimeOffset SentAt { get; private set; }
}
