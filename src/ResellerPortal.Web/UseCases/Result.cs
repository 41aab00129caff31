using FluentValidation;

namespace ResellerPortal.Web.UseCases;

/// <summary>Why a use case did not do what was asked: a message for the form field it belongs beside (empty: the whole form).</summary>
public sealed record Refusal(string Field, string Message);

/// <summary>
/// The one result of every use case in the portal: done with a value, not found, or refused with one or
/// more field messages. Handlers return a value, <see cref="Result.NotFound"/> or <see cref="Result.Refused"/>
/// and the implicit conversions make it this; <see cref="ResultResponses"/> turns it into the response.
/// </summary>
public sealed class Result<T>
{
    private readonly T? _value;

    private Result(T? value, bool notFound, IReadOnlyList<Refusal> refusals)
    {
        _value = value;
        IsNotFound = notFound;
        Refusals = refusals;
    }

    public bool IsNotFound { get; }

    public IReadOnlyList<Refusal> Refusals { get; }

    public bool IsDone => !IsNotFound && Refusals.Count == 0;

    /// <summary>The value of a done result; asking a refused or not-found result for it is a bug.</summary>
    public T Value => IsDone ? _value! : throw new InvalidOperationException("The use case did not complete; check IsDone first.");

    public static implicit operator Result<T>(T value) => new(value, false, []);

    public static implicit operator Result<T>(Refusal refusal) => new(default, false, [refusal]);

    public static implicit operator Result<T>(Refusals refusals) => new(default, false, refusals.All);

    public static implicit operator Result<T>(NotFoundMarker _) => new(default, true, []);
}

/// <summary>Several refusals at once, as a validator gives them.</summary>
public sealed record Refusals(IReadOnlyList<Refusal> All);

/// <summary>The "not found" of <see cref="Result.NotFound"/>; converts to any <see cref="Result{T}"/>.</summary>
public readonly record struct NotFoundMarker;

/// <summary>A use case that has no value to give back when done.</summary>
public readonly record struct Done;

public static class Result
{
    public static NotFoundMarker NotFound => default;

    public static Done Done => default;

    public static Refusal Refused(string field, string message) => new(field, message);

    /// <summary>Runs the form's validator; its errors as refusals, or null when the form is valid.</summary>
    public static async Task<Refusals?> RefuseAsync<T>(this IValidator<T> validator, T form, CancellationToken ct)
    {
        var result = await validator.ValidateAsync(form, ct);
        return result.IsValid ? null : new Refusals([.. result.Errors.Select(e => new Refusal(e.PropertyName, e.ErrorMessage))]);
    }
}
