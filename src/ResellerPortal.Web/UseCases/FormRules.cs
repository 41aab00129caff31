using FluentValidation;

namespace ResellerPortal.Web.UseCases;

/// <summary>Rules every form shares, defined once.</summary>
public static class FormRules
{
    public static readonly DateOnly EarliestDate = new(2000, 1, 1);
    public static readonly DateOnly LatestDate = new(2100, 12, 31);

    /// <summary>
    /// A date a person can mean (billing dates, expiries, certificate ends): 2000-01-01 to 2100-12-31, so a
    /// mistyped year (0001, 20255) is refused beside the field instead of being saved.
    /// </summary>
    public static IRuleBuilderOptions<T, DateOnly?> WithinPortalDates<T>(this IRuleBuilder<T, DateOnly?> rule) =>
        rule.Must(d => d is null || (d >= EarliestDate && d <= LatestDate))
            .WithMessage($"Enter a date between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}.");
}
