namespace ResellerPortal.Web.Data;

/// <summary>Builds LIKE/ILIKE patterns from user text with its wildcards escaped (PostgreSQL's default escape is the backslash).</summary>
public static class LikePattern
{
    /// <summary>Pass to EF.Functions.Like/ILike: Npgsql otherwise sends ESCAPE '' and the backslashes would be literal.</summary>
    public const string EscapeCharacter = "\\";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

    public static string Contains(string text) => "%" + Escape(text) + "%";
}
