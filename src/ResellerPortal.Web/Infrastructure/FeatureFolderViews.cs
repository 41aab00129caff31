using Microsoft.AspNetCore.Mvc.Razor;

namespace ResellerPortal.Web.Infrastructure;

/// <summary>Views live beside their controller in <c>Features/{Feature}/</c>; shared ones in <c>Features/Shared/</c>.</summary>
public static class FeatureFolderViews
{
    public static void Configure(RazorViewEngineOptions options)
    {
        options.ViewLocationFormats.Clear();
        options.ViewLocationFormats.Add("/Features/{1}/{0}.cshtml");
        options.ViewLocationFormats.Add("/Features/Shared/{0}.cshtml");
    }
}
