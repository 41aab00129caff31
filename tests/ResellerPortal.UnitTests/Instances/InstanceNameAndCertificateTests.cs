using ResellerPortal.Domain.Instances;

namespace ResellerPortal.UnitTests.Instances;

public sealed class InstanceNameAndCertificateTests
{
    [Theory]
    [InlineData("abc", null)]
    [InlineData("ACME-01", null)]
    [InlineData("a1-b2-c3", null)]
    [InlineData("", "Enter a name.")]
    [InlineData("ab", "Use 3 to 30 characters.")]
    [InlineData("abcdefghijklmnopqrstuvwxyz12345", "Use 3 to 30 characters.")]
    [InlineData("a_b", "Use only lower-case letters, digits and dashes, not starting or ending with a dash.")]
    [InlineData("-ab", "Use only lower-case letters, digits and dashes, not starting or ending with a dash.")]
    [InlineData("ab-", "Use only lower-case letters, digits and dashes, not starting or ending with a dash.")]
    [InlineData("abc\n", null)]
    public void Name_format_problems_are_named(string name, string? problem) =>
        Assert.Equal(problem, InstanceName.FormatProblem(name));

    [Theory]
    [InlineData(null, CertificateUrgency.None)]
    [InlineData("2026-08-01", CertificateUrgency.Normal)]
    [InlineData("2026-07-01", CertificateUrgency.Urgent)]
    [InlineData("2026-06-01", CertificateUrgency.Urgent)]
    [InlineData("2026-05-31", CertificateUrgency.Expired)]
    public void Certificate_colour_is_orange_within_30_days_and_red_once_expired(string? expires, CertificateUrgency expected)
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal(expected, CertificateWarnings.Urgency(expires is null ? null : DateOnly.Parse(expires, System.Globalization.CultureInfo.InvariantCulture), today));
    }

    [Theory]
    [InlineData(45, null)]
    [InlineData(31, null)]
    [InlineData(30, 30)]
    [InlineData(20, 30)]
    [InlineData(14, 14)]
    [InlineData(8, 14)]
    [InlineData(7, 7)]
    [InlineData(2, 7)]
    [InlineData(1, 1)]
    [InlineData(0, 0)]
    [InlineData(-1, null)]
    public void The_warning_due_is_the_smallest_threshold_the_days_left_have_reached(int daysLeft, int? threshold)
    {
        var today = new DateOnly(2026, 6, 1);

        Assert.Equal(threshold, CertificateWarnings.DueThreshold(today.AddDays(daysLeft), today));
    }
}
