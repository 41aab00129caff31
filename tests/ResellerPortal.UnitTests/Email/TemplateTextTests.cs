using ResellerPortal.Domain.Email;

namespace ResellerPortal.UnitTests.Email;

public sealed class TemplateTextTests
{
    private static readonly TemplateValues Values = new("Jane", "Doe", "4.50 EUR", "10.00 EUR", "https://portal.example.com/c/alpha/reset?token=abc&x=1");

    [Fact]
    public void The_four_variables_and_the_link_are_substituted_whatever_their_case()
    {
        var text = TemplateText.Substitute("[firstname] [LastName] has [balance] (warning at [THRESHOLD]): [link]", Values);

        Assert.Equal("Jane Doe has 4.50 EUR (warning at 10.00 EUR): https://portal.example.com/c/alpha/reset?token=abc&x=1", text);
    }

    [Theory]
    [InlineData("{{7*7}}")]
    [InlineData("@(1+1)")]
    [InlineData("${balance}")]
    [InlineData("<%= balance %>")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("[unknown]")]
    public void Anything_else_in_a_template_stays_the_text_it_is(string syntax)
    {
        var text = TemplateText.Substitute($"Hello [firstname], {syntax}", Values);

        Assert.Equal($"Hello Jane, {syntax}", text);
    }

    [Fact]
    public void A_value_holding_a_variable_or_template_syntax_is_not_substituted_again()
    {
        var values = Values with { FirstName = "[lastname]{{7*7}}" };

        Assert.Equal("Hi [lastname]{{7*7}}", TemplateText.Substitute("Hi [firstname]", values));
    }

    [Fact]
    public void The_HTML_form_encodes_the_template_and_the_values_and_keeps_line_breaks()
    {
        var values = Values with { FirstName = "<b>Jane</b>" };

        var html = TemplateText.SubstituteHtml("<script>alert(1)</script>\n{{7*7}} @(1+1) [firstname] <a href=\"[link]\">x</a>", values);

        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<a ", html, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;<br>\n", html, StringComparison.Ordinal);
        Assert.Contains("{{7*7}} @(1+1) &lt;b&gt;Jane&lt;/b&gt;", html, StringComparison.Ordinal);
        Assert.Contains("token=abc&amp;x=1", html, StringComparison.Ordinal);
    }
}
