using System.Net;
using System.Text.RegularExpressions;

namespace ResellerPortal.Domain.Email;

/// <summary>The e-mails a reseller can word for its clients (§6, §7); each has a default text.</summary>
public enum EmailTemplateKind
{
    LowBalance,
    PasswordReset,
    PasswordResetCompleted,
    SignupAwaitingActivation,
    ClientInvitation,
}

/// <summary>The values a template's variables stand for. <see cref="Link"/> is the action link where one applies.</summary>
public sealed record TemplateValues(string FirstName, string LastName, string Balance, string Threshold, string? Link = null);

/// <summary>
/// Substitutes a template's variables (<c>[firstname]</c>, <c>[lastname]</c>, <c>[balance]</c>,
/// <c>[threshold]</c>, <c>[link]</c>) as plain text: nothing else in the template is interpreted, so a
/// template holding markup or another template language's syntax cannot run anything. The HTML form
/// encodes the template and the values before it becomes HTML.
/// </summary>
public static partial class TemplateText
{
    public const int SubjectMaxLength = 200;
    public const int BodyMaxLength = 10_000;

    public static readonly IReadOnlyList<string> Variables = ["[firstname]", "[lastname]", "[balance]", "[threshold]", "[link]"];

    /// <summary>
    /// The text with each variable replaced by its value (case-insensitive), unknown brackets left as typed. One
    /// pass over the template: a value that itself reads like a variable (a client named "[balance]") stays as it is.
    /// </summary>
    public static string Substitute(string template, TemplateValues values) =>
        VariablePattern().Replace(template, match => match.Groups[1].Value.ToLowerInvariant() switch
        {
            "firstname" => values.FirstName,
            "lastname" => values.LastName,
            "balance" => values.Balance,
            "threshold" => values.Threshold,
            _ => values.Link ?? string.Empty,
        });

    /// <summary>The HTML form of a body: template and values encoded, line breaks kept.</summary>
    public static string SubstituteHtml(string template, TemplateValues values)
    {
        var encoded = new TemplateValues(
            WebUtility.HtmlEncode(values.FirstName),
            WebUtility.HtmlEncode(values.LastName),
            WebUtility.HtmlEncode(values.Balance),
            WebUtility.HtmlEncode(values.Threshold),
            values.Link is null ? null : WebUtility.HtmlEncode(values.Link));
        return Substitute(WebUtility.HtmlEncode(template), encoded).Replace("\n", "<br>\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"\[(firstname|lastname|balance|threshold|link)\]", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex VariablePattern();
}
