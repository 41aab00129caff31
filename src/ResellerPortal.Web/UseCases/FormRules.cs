using System.Linq.Expressions;
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

    public const int PasswordMinLength = 8;
    public const int PasswordMaxLength = 128;

    /// <summary>A password a person chooses, staff and clients alike: required, 8 to 128 characters.</summary>
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilderInitial<T, string?> rule, string whenEmpty = "Choose a password.") =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(whenEmpty)
            .MinimumLength(PasswordMinLength).WithMessage($"Passwords are at least {PasswordMinLength} characters.")
            .MaximumLength(PasswordMaxLength).WithMessage($"Passwords are at most {PasswordMaxLength} characters.");

    /// <summary>The "again" field of a new password: the same as <paramref name="password"/>.</summary>
    public static IRuleBuilderOptions<T, string?> RepeatsPassword<T>(this IRuleBuilder<T, string?> rule, Expression<Func<T, string?>> password) =>
        rule.MaximumLength(PasswordMaxLength).Equal(password).WithMessage("The two passwords differ.");
}
