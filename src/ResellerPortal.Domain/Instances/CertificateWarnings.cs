namespace ResellerPortal.Domain.Instances;

public enum CertificateUrgency
{
    None,
    Normal,
    Urgent,
    Expired,
}

/// <summary>
/// Certificate expiry rules of §2: the card colour, and the warning thresholds (30, 14, 7 and 1
/// days before, and the day itself), each sent once per certificate.
/// </summary>
public static class CertificateWarnings
{
    public static IReadOnlyList<int> Thresholds { get; } = [30, 14, 7, 1, 0];

    public static CertificateUrgency Urgency(DateOnly? expiresOn, DateOnly today, int urgentDays = 30)
    {
        if (expiresOn is not { } expiry)
        {
            return CertificateUrgency.None;
        }

        if (expiry < today)
        {
            return CertificateUrgency.Expired;
        }

        return expiry.DayNumber - today.DayNumber <= urgentDays ? CertificateUrgency.Urgent : CertificateUrgency.Normal;
    }

    /// <summary>
    /// The threshold to warn about today, if any: the smallest threshold the days left have
    /// reached. Larger thresholds that were skipped (a certificate entered with 5 days left) are
    /// not sent late: one warning, the most urgent one. Past the expiry day nothing more is sent.
    /// </summary>
    public static int? DueThreshold(DateOnly expiresOn, DateOnly today)
    {
        var daysLeft = expiresOn.DayNumber - today.DayNumber;
        if (daysLeft < 0)
        {
            return null;
        }

        int? due = null;
        foreach (var threshold in Thresholds)
        {
            if (daysLeft <= threshold)
            {
                due = threshold;
            }
        }

        return due;
    }
}
