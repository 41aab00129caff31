using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Runs the FluentValidation validator of every bound action argument and puts its errors into
/// ModelState under the property names, so views show them next to the fields (the one validation
/// hook; FluentValidation.AspNetCore does not restore here).
/// </summary>
public sealed class ValidationFilter : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (context.ActionDescriptor.EndpointMetadata.OfType<ValidatesInActionAttribute>().Any())
        {
            await next();
            return;
        }

        foreach (var argument in context.ActionArguments.Values)
        {
            if (argument is null)
            {
                continue;
            }

            var validatorType = typeof(IValidator<>).MakeGenericType(argument.GetType());
            if (context.HttpContext.RequestServices.GetService(validatorType) is not IValidator validator)
            {
                continue;
            }

            var result = await validator.ValidateAsync(new ValidationContext<object>(argument), context.HttpContext.RequestAborted);
            foreach (var error in result.Errors)
            {
                context.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
            }
        }

        await next();
    }
}

/// <summary>
/// The action validates its form itself (<see cref="FormValidation.ValidateAsync"/>) once it has read what
/// the route refers to (the record's reseller, its stored state), so the validator runs once, with
/// everything it needs, and the model-binding errors (a malformed date or number) stay in ModelState.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ValidatesInActionAttribute : Attribute;

public static class FormValidation
{
    /// <summary>Runs the form's validator and adds its errors to ModelState, beside any binding errors.</summary>
    public static async Task ValidateAsync<T>(this Microsoft.AspNetCore.Mvc.ControllerBase controller, T form, CancellationToken ct)
    {
        var validator = controller.HttpContext.RequestServices.GetRequiredService<IValidator<T>>();
        var result = await validator.ValidateAsync(form, ct);
        foreach (var error in result.Errors)
        {
            controller.ModelState.AddModelError(error.PropertyName, error.ErrorMessage);
        }
    }
}

public static class ValidatorRegistration
{
    /// <summary>Registers every validator of the web assembly as scoped (some check the database).</summary>
    public static IServiceCollection AddPortalValidators(this IServiceCollection services)
    {
        var validators = typeof(ValidatorRegistration).Assembly.GetTypes()
            .Where(t => t is { IsAbstract: false, IsGenericTypeDefinition: false })
            .SelectMany(t => t.GetInterfaces()
                .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IValidator<>))
                .Select(i => (Service: i, Implementation: t)));
        foreach (var (service, implementation) in validators)
        {
            services.AddScoped(service, implementation);
        }

        return services;
    }
}
