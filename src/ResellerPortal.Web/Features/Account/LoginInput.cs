using FluentValidation;

namespace ResellerPortal.Web.Features.Account;

public sealed class LoginInput
{
    public string Email { get; set; } = string.Empty;

    public string Password { get; set; } = string.Empty;

    public string? ReturnUrl { get; set; }
}

public sealed class LoginInputValidator : AbstractValidator<LoginInput>
{
    public LoginInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().WithMessage("Enter your email address.")
            .MaximumLength(256).EmailAddress().WithMessage("Enter a valid email address.");
        RuleFor(x => x.Password).NotEmpty().WithMessage("Enter your password.")
            .MaximumLength(128).WithMessage("Passwords are at most 128 characters.");
        RuleFor(x => x.ReturnUrl).MaximumLength(2000);
    }
}
