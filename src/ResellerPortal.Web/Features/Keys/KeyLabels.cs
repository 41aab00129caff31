using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>How the keys' pages show statuses and outcomes; here rather than in the views so a new enum value is a build error.</summary>
public static class KeyLabels
{
    public static string BadgeCss(PpkStatus status) => status switch
    {
        PpkStatus.Available => "text-bg-secondary",
        PpkStatus.Activating => "text-bg-info",
        PpkStatus.Activated => "text-bg-primary",
        PpkStatus.Failed => "text-bg-danger",
        PpkStatus.Installed => "text-bg-success",
        PpkStatus.Replaced => "text-bg-light border",
    };

    public static string Outcome(AttemptOutcome outcome) => outcome switch
    {
        AttemptOutcome.Succeeded => "OK",
        AttemptOutcome.Refused => "refused",
        AttemptOutcome.Malformed => "not a valid reply",
        AttemptOutcome.TimedOut => "no answer in time",
        AttemptOutcome.ConnectionFailed => "connection failed",
        AttemptOutcome.HttpError => "server error",
    };
}
