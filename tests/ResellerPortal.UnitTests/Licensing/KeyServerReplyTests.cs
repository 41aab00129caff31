using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class KeyServerReplyTests
{
    /// <summary>The success reply of the manual, verbatim: its key is elided ("....."), so it is only 23 characters.</summary>
    private const string ManualSuccess = """
        S:OK
        D:2011-08-26 15:51:58
        K:5231317C-5232476E-.....
        I:2011-08-25 18:46:56
        X:2011-09-24
        M:R
        """;

    /// <summary>The error reply of the manual, verbatim.</summary>
    private const string ManualError = """
        S:KO - Key not found U:1234
        D:2011-08-26 15:53:31
        K:n/a
        I:
        X:
        M:ERR
        """;

    /// <summary>A key in the manual's style (hex groups, ending -307C), 76 characters.</summary>
    private const string Key = "5231317C-5232476E-4B3A2F10-9C8D7E6F-0A1B2C3D-4E5F6071-8293A4B5-C6D7E8F9-307C";

    private static string Success(string key = Key, string newline = "\n") =>
        string.Join(newline, "S:OK", "D:2011-08-26 15:51:58", "K:" + key, "I:2011-08-25 18:46:56", "X:2011-09-24", "M:R");

    private const string HtmlErrorPage = """
        <!DOCTYPE html>
        <html><head><title>HTTP Status 500 – Internal Server Error</title></head>
        <body><h1>HTTP Status 500 – Internal Server Error</h1>
        <p>S:OK</p><p>K:5231317C-5232476E-4B3A2F10-9C8D7E6F-0A1B2C3D-4E5F6071-8293A4B5-C6D7E8F9-307C</p>
        </body></html>
        """;

    public static TheoryData<string, string> MalformedReplies => new()
    {
        { "", "The reply is empty" },
        { "  \r\n\n", "The reply is empty" },
        { HtmlErrorPage, "The reply does not start with S:OK or S:KO but with '<!DOCTYPE html>'" },
        { "{\"status\":\"OK\",\"key\":\"" + Key + "\"}", "The reply does not start with S:OK or S:KO" },
        { "S:ERR - database down", "The reply does not start with S:OK or S:KO but with 'S:ERR - database down'" },
        { "S:OKAY\nK:" + Key, "The reply does not start with S:OK or S:KO" },
        { "s:ok\nK:" + Key, "The reply does not start with S:OK or S:KO" },
        // Truncated: at every point of the documented reply.
        { "S:O", "The reply does not start with S:OK or S:KO but with 'S:O'" },
        { "S:OK", "The reply has no K: line (truncated?)" },
        { "S:OK\nD:2011-08-26 15:51:58\n", "The reply has no K: line (truncated?)" },
        { "S:OK\nD:2011-08-26 15:51:58\nK:5231317C-5232476E-4B3A", "The key on line 3 is 22 characters long; a key has 50 to 200" },
        { "S:OK\nD:2011-08-26 15:51:58\nK:" + Key, "The reply has no I: line (truncated?)" },
        { "S:OK\nD:2011-08-26 15:51:58\nK:" + Key + "\nI:2011-08-25 18:46:56\n", "The reply has no X: line (truncated?)" },
        { "S:OK\nD:2011-08-26 15:51:58\nK:" + Key + "\nI:2011-08-25 18:46:56\nX:2011-09", "The X: value on line 5 is '2011-09', not a date of the form yyyy-MM-dd" },
        { "S:OK\nD:2011-08-26 15:51:58\nK:" + Key + "\nI:2011-08-25 18:4", "The I: value on line 4 is '2011-08-25 18:4', not a date of the form yyyy-MM-dd HH:mm:ss" },
        // Keys of the wrong length or with characters a key cannot have.
        { Success(new string('A', 49)), "The key on line 3 is 49 characters long; a key has 50 to 200" },
        { Success(new string('A', 201)), "The key on line 3 is 201 characters long; a key has 50 to 200" },
        { Success("n/a"), "The key on line 3 is 3 characters long" },
        { Success(""), "The key on line 3 is 0 characters long" },
        { Success(Key[..30] + " " + Key[31..]), "The key on line 3 contains characters a key cannot have" },
        { Success(Key[..30] + "é" + Key[31..]), "The key on line 3 contains characters a key cannot have" },
        // Missing K, fields twice, lines that are not fields, the status not first.
        { "S:OK\nD:2011-08-26 15:51:58\nI:2011-08-25 18:46:56\nX:2011-09-24\nM:R", "The reply has no K: line (truncated?)" },
        { Success() + "\nK:" + Key.Replace('5', '6'), "The field K: appears more than once" },
        { Success().Replace("M:R", "<br/>", StringComparison.Ordinal), "Line 6 is not a field of the form L:value: '<br/>'" },
        { Success().Replace("D:", "d:", StringComparison.Ordinal), "Line 2 is not a field of the form L:value: 'd:2011-08-26 15:51:58'" },
        { "K:" + Key + "\nS:OK\nD:2011-08-26 15:51:58\nI:2011-08-25 18:46:56\nX:2011-09-24", "The reply does not start with S:OK or S:KO but with 'K:" },
        // Dates not in the manual's formats.
        { Success().Replace("D:2011-08-26 15:51:58", "D:26/08/2011 15:51:58", StringComparison.Ordinal), "The D: value on line 2 is '26/08/2011 15:51:58', not a date of the form yyyy-MM-dd HH:mm:ss" },
        { Success().Replace("X:2011-09-24", "X:2011-09-24 00:00:00", StringComparison.Ordinal), "The X: value on line 5 is '2011-09-24 00:00:00', not a date of the form yyyy-MM-dd" },
        { Success().Replace("X:2011-09-24", "X:", StringComparison.Ordinal), "The X: value on line 5 is '', not a date" },
        { Success().Replace("X:2011-09-24", "X:2011-02-30", StringComparison.Ordinal), "The X: value on line 5 is '2011-02-30', not a date" },
        { Success() + "\n" + new string('M', KeyServerReply.MaxReplyLength), "The reply is longer than 16384 characters" },
    };

    [Fact]
    public void Manual_error_reply_is_a_refusal_with_the_reason()
    {
        var reply = KeyServerReply.Parse(ManualError);

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.Equal("Key not found U:1234", reply.Reason);
        Assert.Equal("S:KO - Key not found U:1234", reply.StatusLine);
        Assert.Null(reply.LicenceKey);
    }

    [Fact]
    public void Manual_success_reply_verbatim_is_malformed_because_its_elided_key_is_too_short()
    {
        var reply = KeyServerReply.Parse(ManualSuccess);

        Assert.Equal(KeyServerOutcome.Malformed, reply.Outcome);
        Assert.Equal("The key on line 3 is 23 characters long; a key has 50 to 200", reply.Reason);
        Assert.Equal("S:OK", reply.StatusLine);
        Assert.Null(reply.LicenceKey);
    }

    [Fact]
    public void Manual_success_reply_with_a_full_length_key_is_an_activation_with_its_dates()
    {
        var reply = KeyServerReply.Parse(ManualSuccess.Replace("5231317C-5232476E-.....", Key, StringComparison.Ordinal));

        AssertManualActivation(reply);
    }

    [Theory]
    [InlineData("\r\n")]
    [InlineData("\n")]
    [InlineData("\r")]
    public void Any_line_ending_gives_the_same_activation(string newline)
    {
        var reply = KeyServerReply.Parse(Success(newline: newline) + newline);

        AssertManualActivation(reply);
        Assert.DoesNotContain('\r', reply.LicenceKey!);
    }

    public static TheoryData<string[]> ReorderedFields => new()
    {
        new[] { "S:OK", "K:" + Key, "X:2011-09-24", "I:2011-08-25 18:46:56", "D:2011-08-26 15:51:58", "M:R" },
        new[] { "S:OK", "M:R", "X:2011-09-24", "I:2011-08-25 18:46:56", "K:" + Key, "D:2011-08-26 15:51:58" },
        new[] { "S:OK", "I:2011-08-25 18:46:56", "D:2011-08-26 15:51:58", "X:2011-09-24", "K:" + Key },
    };

    [Theory]
    [MemberData(nameof(ReorderedFields))]
    public void Fields_after_the_status_may_come_in_any_order(string[] lines)
    {
        AssertManualActivation(KeyServerReply.Parse(string.Join("\r\n", lines)));
    }

    [Theory]
    [InlineData(50)]
    [InlineData(200)]
    public void Keys_of_50_and_200_characters_are_accepted(int length)
    {
        var key = new string('A', length);

        var reply = KeyServerReply.Parse(Success(key));

        Assert.Equal(KeyServerOutcome.Activated, reply.Outcome);
        Assert.Equal(key, reply.LicenceKey);
    }

    [Theory]
    [MemberData(nameof(MalformedReplies))]
    public void Anything_but_the_documented_reply_is_malformed_and_never_a_key(string body, string reason)
    {
        var reply = KeyServerReply.Parse(body);

        Assert.Equal(KeyServerOutcome.Malformed, reply.Outcome);
        Assert.StartsWith(reason, reply.Reason, StringComparison.Ordinal);
        Assert.Null(reply.LicenceKey);
        Assert.Null(reply.ExpiresOn);
    }

    [Fact]
    public void Null_reply_is_malformed() =>
        Assert.Equal(KeyServerOutcome.Malformed, KeyServerReply.Parse(null).Outcome);

    [Fact]
    public void Status_ok_may_carry_a_comment()
    {
        Assert.Equal(KeyServerOutcome.Activated, KeyServerReply.Parse(Success().Replace("S:OK", "S:OK - issued", StringComparison.Ordinal)).Outcome);
    }

    [Fact]
    public void Blank_lines_before_the_status_a_byte_order_mark_and_trailing_spaces_are_tolerated()
    {
        var body = "\uFEFF\r\n\r\n" + Success().Replace("\n", "  \r\n", StringComparison.Ordinal) + "\r\n\r\n";

        AssertManualActivation(KeyServerReply.Parse(body));
    }

    [Fact]
    public void Unknown_fields_and_the_m_field_are_ignored()
    {
        var reply = KeyServerReply.Parse(Success().Replace("M:R", "M:anything at all\nZ:new field", StringComparison.Ordinal));

        AssertManualActivation(reply);
    }

    [Theory]
    [InlineData("S:KO - Key already used", "Key already used")]
    [InlineData("S:KO-Key already used", "Key already used")]
    [InlineData("S:KO Key already used\r\nD:2011-08-26 15:53:31", "Key already used")]
    [InlineData("\nS:KO - Expired PPK   \r\n", "Expired PPK")]
    [InlineData("S:KO", "The key server refused the key without a reason")]
    [InlineData("S:KO - ", "The key server refused the key without a reason")]
    [InlineData("S:KO - bad\u001b[31m", "bad\\u001b[31m")]
    public void A_ko_status_is_a_refusal_whatever_follows(string body, string reason)
    {
        var reply = KeyServerReply.Parse(body);

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.Equal(reason, reply.Reason);
        Assert.Null(reply.LicenceKey);
    }

    [Fact]
    public void A_ko_status_wins_over_a_key_in_the_same_reply()
    {
        var reply = KeyServerReply.Parse(Success().Replace("S:OK", "S:KO - Revoked", StringComparison.Ordinal));

        Assert.Equal(KeyServerOutcome.Refused, reply.Outcome);
        Assert.Null(reply.LicenceKey);
    }

    [Fact]
    public void The_status_line_kept_for_the_history_is_bounded_and_has_no_control_characters()
    {
        var reply = KeyServerReply.Parse("S:KO - " + new string('x', 500) + "\u0007");

        Assert.True(reply.StatusLine.Length <= 201);
        Assert.DoesNotContain('\u0007', reply.StatusLine);
    }

    private static void AssertManualActivation(KeyServerReply reply)
    {
        Assert.True(reply.Outcome == KeyServerOutcome.Activated, reply.Reason);
        Assert.Equal(Key, reply.LicenceKey);
        Assert.Equal(new DateTime(2011, 8, 26, 15, 51, 58, DateTimeKind.Unspecified), reply.ServerTime);
        Assert.Equal(new DateTime(2011, 8, 25, 18, 46, 56, DateTimeKind.Unspecified), reply.IssuedAt);
        Assert.Equal(new DateOnly(2011, 9, 24), reply.ExpiresOn);
        Assert.Equal(DateTimeKind.Unspecified, reply.ServerTime!.Value.Kind);
        Assert.Null(reply.Reason);
        Assert.StartsWith("S:OK", reply.StatusLine, StringComparison.Ordinal);
    }
}
