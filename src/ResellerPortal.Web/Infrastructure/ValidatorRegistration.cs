using FluentValidation;
using FluentValidation.AspNetCore;
using FluentValidation.Validators;
using Microsoft.AspNetCore.Mvc;

namespace ResellerPortal.Web.Infrastructure;

public static class ValidatorRegistration
{
    /// <summary>
    /// Registers every validator of the web assembly and FluentValidation's client-side adapters, which turn
    /// the simple rules into data-val-* attributes for the browser. Its automatic server-side validation stays
    /// off: each use case's handler runs its form's validator (<see cref="UseCases.Result.RefuseAsync"/>) beside
    /// the rules that need the database, so a form post and an API call meet the same rules.
    /// </summary>
    public static IServiceCollection AddPortalValidators(this IServiceCollection services)
    {
        services.AddValidatorsFromAssemblyContaining<UseCases.Refusal>(ServiceLifetime.Scoped);
        services.AddFluentValidationClientsideAdapters(adapters =>
        {
            // The browser compares a range as numbers (parseFloat): a date range would be read as "2000" to
            // "12", so only numeric properties get one; other ranges stay on the server.
            foreach (var range in new[] { typeof(IInclusiveBetweenValidator), typeof(IGreaterThanOrEqualValidator), typeof(ILessThanOrEqualValidator) })
            {
                var numeric = adapters.ClientValidatorFactories[range];
                adapters.Add(range, (context, rule, component) => IsNumber(context.ModelMetadata.UnderlyingOrModelType) ? numeric(context, rule, component) : null!);
            }
        });
        // The validators are the only source of client rules, so the browser says what the server says:
        // MVC's data-annotations provider (internal, hence the name) would add its own "The X field is
        // required." to every value-type field. The portal has no data annotations.
        services.PostConfigure<MvcViewOptions>(options =>
        {
            foreach (var provider in options.ClientModelValidatorProviders.Where(p => p.GetType().Name == "DataAnnotationsClientModelValidatorProvider").ToList())
            {
                options.ClientModelValidatorProviders.Remove(provider);
            }
        });
        return services;
    }

    private static bool IsNumber(Type type) =>
        Type.GetTypeCode(type) is TypeCode.Byte or TypeCode.SByte or TypeCode.Int16 or TypeCode.UInt16 or TypeCode.Int32 or TypeCode.UInt32
            or TypeCode.Int64 or TypeCode.UInt64 or TypeCode.Single or TypeCode.Double or TypeCode.Decimal;
}
