using FluentValidation;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain;

namespace ResellerPortal.Web.UseCases;

/// <summary>Where a done use case sends the user, and the message shown there.</summary>
public sealed record GoTo(string Location, string? Flash = null);

/// <summary>
/// The one place that turns a use case's <see cref="Result{T}"/> into a response: not found is a 404,
/// a refusal re-shows the form with each message beside its field, done redirects (a plain redirect for a form,
/// <c>HX-Redirect</c> for htmx) with its flash message. A rule of the domain or a database constraint that
/// the input breaks (<see cref="RuleViolationException"/>) is a refusal too, never a 500.
/// </summary>
public static class ResultResponses
{
    /// <summary>
    /// Handles a posted form. When model binding already failed (a malformed number or date), the
    /// handler is not called: the form comes back with the binding errors and its validator's simple
    /// rules, so the user sees every problem at once. <paramref name="prefix"/> is the form's field prefix on
    /// pages with several forms (<c>Transaction.Amount</c>).
    /// </summary>
    public static async Task<IActionResult> SubmitAsync<TForm, T>(
        this Controller controller,
        TForm form,
        Func<Task<Result<T>>> handle,
        Func<T, GoTo> done,
        Func<Task<IActionResult>> reshow,
        string? prefix = null)
    {
        if (!controller.ModelState.IsValid)
        {
            if (controller.HttpContext.RequestServices.GetService<IValidator<TForm>>() is { } validator
                && await validator.RefuseAsync(form, controller.HttpContext.RequestAborted) is { } simple)
            {
                Refuse(controller, simple.All.Where(r => controller.ModelState.GetFieldValidationState(Key(prefix, r.Field)) != Microsoft.AspNetCore.Mvc.ModelBinding.ModelValidationState.Invalid), prefix);
            }

            return await reshow();
        }

        var result = await RunAsync(handle);
        if (result.IsNotFound)
        {
            return controller.NotFound();
        }

        if (!result.IsDone)
        {
            Refuse(controller, result.Refusals, prefix);
            return await reshow();
        }

        return controller.Done(done(result.Value));
    }

    public static Task<IActionResult> SubmitAsync<TForm, T>(
        this Controller controller, TForm form, Func<Task<Result<T>>> handle, Func<T, GoTo> done, Func<IActionResult> reshow, string? prefix = null) =>
        controller.SubmitAsync(form, handle, done, () => Task.FromResult(reshow()), prefix);

    /// <summary>An action that is not a form (a button): a refusal comes back as the flash error on the page it redirects to.</summary>
    public static async Task<IActionResult> ActAsync<T>(this Controller controller, Func<Task<Result<T>>> handle, Func<T, GoTo> done, string back)
    {
        var result = await RunAsync(handle);
        if (result.IsNotFound)
        {
            return controller.NotFound();
        }

        if (!result.IsDone)
        {
            controller.TempData["Error"] = string.Join(" ", result.Refusals.Select(r => r.Message));
            return controller.Done(new GoTo(back));
        }

        return controller.Done(done(result.Value));
    }

    /// <summary>A page that shows what a query found, or a 404.</summary>
    public static async Task<IActionResult> ShowAsync<T>(this Controller controller, Task<Result<T>> query, Func<T, IActionResult> show)
    {
        var result = await query;
        return result.IsNotFound ? controller.NotFound() : show(result.Value);
    }

    public static async Task<IActionResult> ShowAsync<T>(this Controller controller, Task<Result<T>> query, Func<T, Task<IActionResult>> show)
    {
        var result = await query;
        return result.IsNotFound ? controller.NotFound() : await show(result.Value);
    }

    /// <summary>After a successful change: htmx follows HX-Redirect, a plain form a redirect to GET (post/redirect/get).</summary>
    public static IActionResult Done(this Controller controller, GoTo goTo)
    {
        if (goTo.Flash is not null)
        {
            controller.TempData["Flash"] = goTo.Flash;
        }

        if (controller.Request.Headers.ContainsKey("HX-Request"))
        {
            controller.Response.Headers["HX-Redirect"] = goTo.Location;
            return controller.NoContent();
        }

        return new LocalRedirectResult(goTo.Location) { PreserveMethod = false };
    }

    private static async Task<Result<T>> RunAsync<T>(Func<Task<Result<T>>> handle)
    {
        try
        {
            return await handle();
        }
        catch (RuleViolationException violation)
        {
            return Result.Refused(violation.Field, violation.Message);
        }
    }

    private static void Refuse(Controller controller, IEnumerable<Refusal> refusals, string? prefix)
    {
        foreach (var refusal in refusals)
        {
            controller.ModelState.AddModelError(Key(prefix, refusal.Field), refusal.Message);
        }
    }

    private static string Key(string? prefix, string field) =>
        prefix is null || field.Length == 0 ? field : prefix + "." + field;
}
