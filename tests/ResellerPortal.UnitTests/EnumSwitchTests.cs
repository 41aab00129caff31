using System.Text.RegularExpressions;

namespace ResellerPortal.UnitTests;

/// <summary>
/// A switch over one of the portal's own enums names every value and has no discard arm (<c>_ =&gt;</c>, <c>default:</c>):
/// with the discard gone, CS8509 (an error here) catches the next value added to the enum. The compiler's own
/// IDE0072 cannot say this: it also asks for a discard once every value is named. Switches over strings, types or a
/// library's enums may keep their discard.
/// </summary>
public sealed partial class EnumSwitchTests
{
    [Fact]
    public void No_switch_over_a_portal_enum_hides_a_value_behind_a_discard()
    {
        var sources = SourceFiles().ToList();
        var enums = sources.SelectMany(s => EnumDeclaration().Matches(s.Text).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);
        Assert.Contains("ClientStatus", enums);

        var offenders = sources.SelectMany(s => Offenders(s.Path, s.Text, enums)).ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_check_finds_a_discard_in_a_switch_over_a_portal_enum()
    {
        const string text = """
            var a = status switch { ClientStatus.Wait => "w", _ => "other" };
            var b = name switch { "x" => 1, _ => 2 };
            switch (mode) { case ClientMode.On: break; default: break; }
            """;

        var found = Offenders("Example.cs", text, ["ClientStatus", "ClientMode"]).ToList();

        Assert.Equal(2, found.Count);
    }

    private static IEnumerable<string> Offenders(string path, string text, HashSet<string> enums)
    {
        foreach (Match body in SwitchBody().Matches(text))
        {
            var block = Block(text, body.Index + body.Length - 1);
            var namesEnum = EnumMember().Matches(block).Any(m => enums.Contains(m.Groups[1].Value));
            if (namesEnum && Discard().IsMatch(block))
            {
                var line = text[..body.Index].Count(c => c == '\n') + 1;
                yield return $"{path}:{line}";
            }
        }
    }

    /// <summary>The text between the brace at <paramref name="open"/> and its match (nested blocks included).</summary>
    private static string Block(string text, int open)
    {
        var depth = 0;
        for (var i = open; i < text.Length; i++)
        {
            depth += text[i] switch { '{' => 1, '}' => -1, _ => 0 };
            if (depth == 0)
            {
                return text[open..(i + 1)];
            }
        }

        return text[open..];
    }

    private static IEnumerable<(string Path, string Text)> SourceFiles()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "ResellerPortal.sln")))
        {
            root = root.Parent;
        }

        Assert.NotNull(root);
        return new[] { "src/ResellerPortal.Domain", "src/ResellerPortal.Web" }
            .SelectMany(dir => Directory.EnumerateFiles(Path.Combine(root.FullName, dir), "*.cs", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (Path.GetRelativePath(root.FullName, f), File.ReadAllText(f)));
    }

    [GeneratedRegex(@"\benum\s+(\w+)")]
    private static partial Regex EnumDeclaration();

    /// <summary>The opening brace of a switch expression (<c>x switch {</c>) or statement (<c>switch (x) {</c>).</summary>
    [GeneratedRegex(@"(\bswitch\s*\{|\bswitch\s*\([^{;]*\)\s*\{)")]
    private static partial Regex SwitchBody();

    [GeneratedRegex(@"\b([A-Z]\w*)\.[A-Z]\w*\s*(=>|:|or\b|and\b|when\b|,)")]
    private static partial Regex EnumMember();

    [GeneratedRegex(@"(^|[\s{,(])_\s*=>|\bdefault\s*:")]
    private static partial Regex Discard();
}
