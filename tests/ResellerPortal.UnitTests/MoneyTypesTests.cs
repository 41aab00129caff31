using System.Reflection;
using ResellerPortal.Domain.Clients;

namespace ResellerPortal.UnitTests;

/// <summary>Money is decimal everywhere (STYLE.md): a double or float on anything that names money fails the build's tests.</summary>
public sealed class MoneyTypesTests
{
    private static readonly string[] MoneyWords = ["Amount", "Fee", "Rate", "Markup", "Balance", "Cost", "Price", "Sell", "Margin", "Threshold"];

    [Fact]
    public void No_money_member_of_the_domain_is_floating_point()
    {
        var offenders = typeof(Client).Assembly.GetTypes()
            .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Select(p => (Type: t, p.Name, p.PropertyType))
                .Concat(t.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .Select(f => (Type: t, f.Name, PropertyType: f.FieldType)))
                .Concat(t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                    .SelectMany(m => m.GetParameters().Select(p => (Type: t, Name: m.Name + "(" + p.Name + ")", PropertyType: p.ParameterType)))))
            .Where(m => MoneyWords.Any(w => m.Name.Contains(w, StringComparison.OrdinalIgnoreCase)))
            .Where(m => (Nullable.GetUnderlyingType(m.PropertyType) ?? m.PropertyType) is var type && (type == typeof(double) || type == typeof(float)))
            .Select(m => $"{m.Type.Name}.{m.Name}")
            .ToList();

        Assert.Empty(offenders);
        // The rule has teeth: the money members exist and are decimal.
        Assert.Equal(typeof(decimal), typeof(ResellerPortal.Domain.Ledger.LedgerEntry).GetProperty("Amount")!.PropertyType);
        Assert.Equal(typeof(decimal), typeof(ResellerPortal.Domain.Rating.RatedCall).GetProperty("Sell")!.PropertyType);
    }
}
