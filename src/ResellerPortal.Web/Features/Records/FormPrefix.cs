using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace ResellerPortal.Web.Features.Records;

/// <summary>
/// A page with several forms names each form's fields with a prefix (Transaction.Amount). The
/// validation filter reports a validator's errors by property name (Amount); this moves them under the
/// prefix so each error shows next to the field it belongs to.
/// </summary>
public static class FormPrefix
{
    public static void UnderPrefix(this ModelStateDictionary modelState, string prefix)
    {
        foreach (var key in modelState.Keys.Where(k => k.Length > 0 && !k.StartsWith(prefix + ".", StringComparison.Ordinal)).ToList())
        {
            foreach (var error in modelState[key]!.Errors)
            {
                modelState.AddModelError(prefix + "." + key, error.ErrorMessage);
            }

            modelState.Remove(key);
        }
    }
}
