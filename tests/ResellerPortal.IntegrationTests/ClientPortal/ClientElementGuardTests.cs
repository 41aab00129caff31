using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using ResellerPortal.Domain.Branding;
using ResellerPortal.Web.Features.ClientPortal;

namespace ResellerPortal.IntegrationTests.ClientPortal;

/// <summary>
/// The client pages a reseller may hide carry <see cref="ClientElementAttribute"/> with an element's key, typed by
/// hand: a key that is not one of <see cref="ClientElements.All"/> would never match the brand's choice, and the
/// page would answer 404 for every client.
/// </summary>
public sealed class ClientElementGuardTests
{
    [Fact]
    public void Every_gated_client_page_names_a_known_element()
    {
        var gated = typeof(ClientElementAttribute).Assembly.GetTypes()
            .Where(t => typeof(Controller).IsAssignableFrom(t))
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            .SelectMany(m => m.GetCustomAttributes<ClientElementAttribute>().Select(a => (Action: $"{m.DeclaringType!.Name}.{m.Name}", a.Element)))
            .ToList();

        Assert.NotEmpty(gated);
        Assert.All(gated, g => Assert.True(ClientElements.IsKnown(g.Element), $"{g.Action} names \"{g.Element}\", which is not a client element."));
    }
}
