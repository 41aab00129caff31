using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// The record a request acts on is named by its address, never by its body or query string
/// (a posted <c>id</c> or <c>ResellerId</c> must not redirect an action to another record, nor make a
/// create form look like an edit to its validator). Two rules, one for every form and route:
/// route values are read before the form and the query string, so a value the route has always
/// wins; and the properties that name a record or its tenant bind from the route only.
/// </summary>
public static class RouteIdentityBinding
{
    /// <summary>Form properties that name the record itself or its reseller; nothing else may set them.</summary>
    public static readonly IReadOnlySet<string> RouteOnlyProperties = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Id", "ResellerId" };

    public static void Configure(MvcOptions options)
    {
        var route = options.ValueProviderFactories.OfType<RouteValueProviderFactory>().FirstOrDefault() ?? new RouteValueProviderFactory();
        options.ValueProviderFactories.Remove(route);
        options.ValueProviderFactories.Insert(0, route);
        options.ModelMetadataDetailsProviders.Add(new RouteOnlyIdentityProvider());
    }

    private sealed class RouteOnlyIdentityProvider : IBindingMetadataProvider
    {
        public void CreateBindingMetadata(BindingMetadataProviderContext context)
        {
            if (context.Key.MetadataKind == ModelMetadataKind.Property
                && context.Key.Name is { } name
                && RouteOnlyProperties.Contains(name)
                && context.BindingMetadata.BindingSource is null)
            {
                context.BindingMetadata.BindingSource = BindingSource.Path;
            }
        }
    }
}
