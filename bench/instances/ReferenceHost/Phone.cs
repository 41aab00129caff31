using PhoneNumbers;

namespace ReferenceHost;

/// <summary>Numbers shown as the portal shows them (international format), so the pages compare cell by cell.</summary>
public static class Phone
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public static string Display(string? e164)
    {
        if (string.IsNullOrEmpty(e164))
        {
            return string.Empty;
        }

        try
        {
            var number = Util.Parse(e164, "ZZ");
            return Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE ? Util.Format(number, PhoneNumberFormat.INTERNATIONAL) : e164;
        }
        catch (NumberParseException)
        {
            return e164;
        }
    }
}
