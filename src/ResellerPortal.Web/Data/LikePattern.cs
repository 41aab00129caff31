namespace ResellerPortal.Web.Data;

/// <summary>Builds LIKE/ILIKE patterns from user text with its wildcards escaped (PostgreSQL's default escape is the backslash).</summary>
public static class LikePattern
{
    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string Contains(string text) => "%" + Escape(text) + "%";
}
