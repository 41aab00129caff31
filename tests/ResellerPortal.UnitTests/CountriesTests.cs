using System.Globalization;
using ResellerPortal.Domain;

namespace ResellerPortal.UnitTests;

public sealed class CountriesTests
{
    [Fact]
    public void The_picker_lists_countries_by_name_not_by_code()
    {
        var names = Countries.ByName(CultureInfo.GetCultureInfo("en-GB")).Select(c => c.Name).ToList();

        Assert.Equal(Countries.All.Count, names.Count);
        // By code, "United Arab Emirates" (AE) would come before "Argentina" (AR) and "Switzerland" (CH) before "Chile" (CL).
        Assert.True(names.IndexOf("Argentina") < names.IndexOf("United Arab Emirates"));
        Assert.True(names.IndexOf("Chile") < names.IndexOf("Switzerland"));
        Assert.Equal(names.Order(StringComparer.Create(CultureInfo.GetCultureInfo("en-GB"), ignoreCase: true)), names);
    }
}
