using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Binders for the scalar types whose default binding lets a malformed value through to a later crash:
/// a checkbox posted as anything but true/false (the default binder keeps the raw text in ModelState, and
/// re-showing the form converts it back to bool and throws), and a decimal posted as <c>-0</c> (a
/// negative zero that the domain's sign checks and formatting do not expect). One rule for every form.
/// </summary>
public static class ValueBinders
{
    public static void Configure(MvcOptions options) => options.ModelBinderProviders.Insert(0, new Provider());

    private sealed class Provider : IModelBinderProvider
    {
        public IModelBinder? GetBinder(ModelBinderProviderContext context)
        {
            var type = Nullable.GetUnderlyingType(context.Metadata.ModelType) ?? context.Metadata.ModelType;
            if (context.Metadata.IsComplexType || context.BindingInfo.BindingSource == BindingSource.Body)
            {
                return null;
            }

            return type == typeof(bool) ? new BooleanBinder() : type == typeof(decimal) ? new DecimalBinder() : null;
        }
    }

    private sealed class BooleanBinder : IModelBinder
    {
        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None || string.IsNullOrWhiteSpace(value.FirstValue))
            {
                return Task.CompletedTask;
            }

            // A checkbox posts "true" and its hidden twin "false"; the first value counts.
            if (bool.TryParse(value.FirstValue.Trim(), out var parsed))
            {
                bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
                bindingContext.Result = ModelBindingResult.Success(parsed);
                return Task.CompletedTask;
            }

            // No raw value kept: the form is re-shown from the model (unchecked), with the error beside it.
            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, rawValue: null, attemptedValue: value.FirstValue);
            bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueIsInvalidAccessor(value.FirstValue));
            return Task.CompletedTask;
        }
    }

    private sealed class DecimalBinder : IModelBinder
    {
        public const string DecimalCommaMessage = "Write decimals with a point (12.50), without thousands separators.";

        public Task BindModelAsync(ModelBindingContext bindingContext)
        {
            var value = bindingContext.ValueProvider.GetValue(bindingContext.ModelName);
            if (value == ValueProviderResult.None)
            {
                return Task.CompletedTask;
            }

            bindingContext.ModelState.SetModelValue(bindingContext.ModelName, value);
            var text = value.FirstValue;
            if (string.IsNullOrWhiteSpace(text))
            {
                if (!bindingContext.ModelMetadata.IsReferenceOrNullableType)
                {
                    bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                        bindingContext.ModelMetadata.ModelBindingMessageProvider.ValueMustNotBeNullAccessor(text ?? string.Empty));
                }

                return Task.CompletedTask;
            }

            // A comma is refused rather than guessed: read as a thousands separator, a European "12,50" would be 1250.
            if (text.Contains(',', StringComparison.Ordinal))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName, DecimalCommaMessage);
                return Task.CompletedTask;
            }

            var culture = value.Culture ?? CultureInfo.InvariantCulture;
            if (!decimal.TryParse(text.Trim(), NumberStyles.Float, culture, out var parsed))
            {
                bindingContext.ModelState.TryAddModelError(bindingContext.ModelName,
                    bindingContext.ModelMetadata.ModelBindingMessageProvider.AttemptedValueIsInvalidAccessor(text, bindingContext.ModelMetadata.DisplayName ?? bindingContext.ModelName));
                return Task.CompletedTask;
            }

            // decimal keeps the sign of zero ("-0" parses to -0m); zero has no sign in money or rates.
            bindingContext.Result = ModelBindingResult.Success(parsed == 0m ? 0m : parsed);
            return Task.CompletedTask;
        }
    }
}
