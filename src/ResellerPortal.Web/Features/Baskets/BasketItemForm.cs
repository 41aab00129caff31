using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using ResellerPortal.Domain.Baskets;
using ResellerPortal.Domain.Ledger;
using ResellerPortal.Web.UseCases;

namespace ResellerPortal.Web.Features.Baskets;

/// <summary>A basket item as typed (§6, seed 001 "Baskets"): shared by adding and editing an item.</summary>
public sealed class BasketItemForm
{
    public string? Product { get; set; }

    public string? ItemType { get; set; }

    public string? ItemId { get; set; }

    public string? Description { get; set; }

    public decimal? Price { get; set; }

    public DateOnly? DueDate { get; set; }

    public bool HiddenUntilDue { get; set; }

    // Shown read-only, filled from the client.
    [BindNever]
    public Guid ClientId { get; set; }

    [BindNever]
    public string? ClientName { get; set; }

    [BindNever]
    public string? Currency { get; set; }

    /// <summary>The item being edited; null when adding.</summary>
    [BindNever]
    public Guid? Id { get; set; }

    public static BasketItemForm From(BasketItem item) => new()
    {
        Product = item.Product,
        ItemType = item.ItemType,
        ItemId = item.ItemId,
        Description = item.Description,
        Price = item.Price,
        DueDate = item.DueDate,
        HiddenUntilDue = item.HiddenUntilDue,
        Id = item.Id,
    };
}

public sealed class BasketItemFormValidator : AbstractValidator<BasketItemForm>
{
    public BasketItemFormValidator()
    {
        RuleFor(x => x.Product).Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the product (free text for a custom item).")
            .MaximumLength(BasketItem.ProductMaxLength);
        RuleFor(x => x.ItemType).Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the item type, e.g. Setup, Monthly, Hardware or Custom.")
            .MaximumLength(BasketItem.ItemTypeMaxLength);
        RuleFor(x => x.ItemId).Cascade(CascadeMode.Stop)
            .Must(p => !string.IsNullOrWhiteSpace(p)).WithMessage("Enter the item id (unique among your basket items).")
            .MaximumLength(BasketItem.ItemIdMaxLength);
        RuleFor(x => x.Description).MaximumLength(BasketItem.DescriptionMaxLength);
        RuleFor(x => x.Price).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the price.")
            .GreaterThan(0m).WithMessage("Enter a positive price.")
            .LessThanOrEqualTo(LedgerEntry.MaxAmount).WithMessage("That price is too large.");
        RuleFor(x => x.DueDate).Cascade(CascadeMode.Stop)
            .NotNull().WithMessage("Enter the due date.")
            .WithinPortalDates();
    }
}
