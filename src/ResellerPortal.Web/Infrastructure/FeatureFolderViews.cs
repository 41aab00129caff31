using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.Mvc.Razor;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>
/// Views live beside their controller in <c>Features/{Feature}/</c>; shared ones in <c>Features/Shared/</c>.
/// The feature is the controller's namespace, not its name, so a feature folder can hold several
/// controllers (e.g. Keys: the key stock and an instance's licence page) that share views and partials.
/// </summary>
public static class FeatureFolderViews
{
    public static void Configure(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
        options.ViewLocationExpanders.Add(new FeatureExpander());
    }

    private sealed class FeatureExpander : IViewLocationExpander
    {
        private const string Key = "feature";
        private const string Prefix = "ResellerPortal.Web.Features.";

        public void PopulateValues(ViewLocationExpanderContext context)
        {
            if (context.ActionContext.ActionDescriptor is ControllerActionDescriptor action
                && action.ControllerTypeInfo.Namespace is { } ns
                && ns.StartsWith(Prefix, StringComparison.Ordinal))
            {
                context.Values[Key] = ns[Prefix.Length..].Split('.')[0];
            }
        }

        public IEnumerable<string> ExpandViewLocations(ViewLocationExpanderContext context, IEnumerable<string> viewLocations) =>
            context.Values.TryGetValue(Key, out var feature) && feature is not null
                ? viewLocations.Select(l => l.Replace("{1}", feature, StringComparison.Ordinal))
                : viewLocations;
    }
}
