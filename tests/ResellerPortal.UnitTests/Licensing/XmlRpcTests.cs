using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.UnitTests.Licensing;

public sealed class XmlRpcTests
{
    private const string Key = "5231317C-5232476E-4B3A2F10-9C8D7E6F-0A1B2C3D-4E5F6071-8293A4B5-C6D7E8F9-307C";

    [Fact]
    public void Set_activation_key_call_is_the_documented_method_with_two_string_params()
    {
        var xml = SetActivationKeyCall.Encode("acme-qm", Key);

        Assert.Equal(
            "<?xml version=\"1.0\"?><methodCall><methodName>QM.setActivationKey</methodName><params>"
            + "<param><value><string>acme-qm</string></value></param>"
            + $"<param><value><string>{Key}</string></value></param>"
            + "</params></methodCall>",
            xml);
        var call = XmlRpc.DecodeCall(xml);
        Assert.Equal("QM.setActivationKey", call.MethodName);
        Assert.Equal(["acme-qm", Key], call.Parameters);
    }

    public static TheoryData<object, string> Scalars => new()
    {
        { "hello", "<string>hello</string>" },
        { "", "<string></string>" },
        { "  spaced\tand\nnew lines  ", "<string>  spaced\tand\nnew lines  </string>" },
        { "windows\r\nline", "<string>windows&#xD;\nline</string>" },
        { "<tag> & \"quotes\" 'apos' ]]>", "<string>&lt;tag&gt; &amp; \"quotes\" 'apos' ]]&gt;</string>" },
        { "Zoë 日本 😀", "<string>Zoë 日本 😀</string>" },
        { 0, "<int>0</int>" },
        { -42, "<int>-42</int>" },
        { int.MaxValue, "<int>2147483647</int>" },
        { int.MinValue, "<int>-2147483648</int>" },
        { true, "<boolean>1</boolean>" },
        { false, "<boolean>0</boolean>" },
        { 1.5, "<double>1.5</double>" },
        { -12.214, "<double>-12.214</double>" },
        { Math.PI, "<double>3.141592653589793</double>" },
        { 1e20, "<double>100000000000000000000</double>" },
        { 1.5e-7, "<double>0.00000015</double>" },
        { -2.5e-10, "<double>-0.00000000025</double>" },
        { new DateTime(1998, 7, 17, 14, 8, 55), "<dateTime.iso8601>19980717T14:08:55</dateTime.iso8601>" },
        { new byte[] { 0, 1, 2, 253, 254, 255 }, "<base64>AAEC/f7/</base64>" },
        { Array.Empty<byte>(), "<base64></base64>" },
    };

    [Theory]
    [MemberData(nameof(Scalars))]
    public void Scalars_are_encoded_as_the_specification_writes_them_and_read_back_equal(object value, string encoded)
    {
        var xml = XmlRpc.EncodeResponse(value);

        Assert.Equal($"<?xml version=\"1.0\"?><methodResponse><params><param><value>{encoded}</value></param></params></methodResponse>", xml);
        var response = XmlRpc.DecodeResponse(xml);
        Assert.False(response.IsFault);
        Assert.Equal(value, response.Value);
        Assert.Equal(value.GetType(), response.Value!.GetType());
    }

    [Fact]
    public void Structs_and_arrays_nest_and_read_back_equal()
    {
        var value = new Dictionary<string, object>
        {
            ["instance"] = "acme-qm",
            ["agents"] = 50,
            ["active"] = true,
            ["expires"] = new DateTime(2011, 9, 24, 0, 0, 0),
            ["servers"] = new object[] { "pbx1", 2, new Dictionary<string, object> { ["nested"] = Array.Empty<object>() } },
            ["empty"] = new Dictionary<string, object>(),
        };

        var call = XmlRpc.DecodeCall(XmlRpc.EncodeCall("test.echo", [value, new List<string> { "a", "b" }]));

        Assert.Equal("test.echo", call.MethodName);
        var decoded = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(call.Parameters[0]);
        Assert.Equal(["instance", "agents", "active", "expires", "servers", "empty"], decoded.Keys);
        Assert.Equal("acme-qm", decoded["instance"]);
        Assert.Equal(50, decoded["agents"]);
        Assert.Equal(true, decoded["active"]);
        Assert.Equal(new DateTime(2011, 9, 24), decoded["expires"]);
        var servers = Assert.IsAssignableFrom<IReadOnlyList<object>>(decoded["servers"]);
        Assert.Equal("pbx1", servers[0]);
        Assert.Equal(2, servers[1]);
        var nested = Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(servers[2]);
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyList<object>>(nested["nested"]));
        Assert.Empty(Assert.IsAssignableFrom<IReadOnlyDictionary<string, object>>(decoded["empty"]));
        Assert.Equal(["a", "b"], Assert.IsAssignableFrom<IReadOnlyList<object>>(call.Parameters[1]));
    }

    [Fact]
    public void A_call_without_params_reads_as_no_parameters()
    {
        var call = XmlRpc.DecodeCall("<methodCall><methodName>system.listMethods</methodName></methodCall>");

        Assert.Equal("system.listMethods", call.MethodName);
        Assert.Empty(call.Parameters);
        Assert.Empty(XmlRpc.DecodeCall(XmlRpc.EncodeCall("system.listMethods", [])).Parameters);
    }

    [Fact]
    public void The_specification_example_call_is_read_with_its_whitespace_and_i4()
    {
        var call = XmlRpc.DecodeCall("""
            <?xml version="1.0"?>
            <methodCall>
               <methodName>examples.getStateName</methodName>
               <params>
                  <param>
                     <value><i4>41</i4></value>
                     </param>
                  <param>
                     <value>untyped string</value>
                     </param>
                  <param>
                     <value><string><![CDATA[a <b> c]]></string></value>
                     </param>
                  <param>
                     <value><dateTime.iso8601>2011-08-25T18:46:56</dateTime.iso8601></value>
                     </param>
                  <param>
                     <value><base64>
                       AAEC
                       /f7/
                     </base64></value>
                     </param>
                  <!-- a comment -->
                  </params>
               </methodCall>
            """);

        Assert.Equal("examples.getStateName", call.MethodName);
        Assert.Equal([41, "untyped string", "a <b> c", new DateTime(2011, 8, 25, 18, 46, 56), new byte[] { 0, 1, 2, 253, 254, 255 }], call.Parameters);
    }

    [Fact]
    public void The_specification_example_fault_is_read_as_a_fault()
    {
        var response = XmlRpc.DecodeResponse("""
            <?xml version="1.0"?>
            <methodResponse>
               <fault>
                  <value>
                     <struct>
                        <member>
                           <name>faultCode</name>
                           <value><int>4</int></value>
                           </member>
                        <member>
                           <name>faultString</name>
                           <value><string>Too many parameters.</string></value>
                           </member>
                        </struct>
                     </value>
                  </fault>
               </methodResponse>
            """);

        Assert.True(response.IsFault);
        Assert.Equal(new XmlRpcFault(4, "Too many parameters."), response.Fault);
        Assert.Null(response.Value);
    }

    [Theory]
    [InlineData(4, "Too many parameters.")]
    [InlineData(-32601, "Method not found: QM.nothing")]
    [InlineData(0, "")]
    [InlineData(17, "Key <rejected> & \"logged\"")]
    public void Faults_round_trip(int code, string message)
    {
        var response = XmlRpc.DecodeResponse(XmlRpc.EncodeFault(new XmlRpcFault(code, message)));

        Assert.True(response.IsFault);
        Assert.Equal(new XmlRpcFault(code, message), response.Fault);
    }

    [Fact]
    public void A_fault_with_an_untyped_string_is_read()
    {
        var response = XmlRpc.DecodeResponse(
            "<methodResponse><fault><value><struct><member><name>faultCode</name><value><i4>3</i4></value></member>"
            + "<member><name>faultString</name><value>No such instance</value></member></struct></value></fault></methodResponse>");

        Assert.Equal(new XmlRpcFault(3, "No such instance"), response.Fault);
    }

    public static TheoryData<string> MalformedResponses => new()
    {
        "",
        "not xml at all",
        "S:OK\nK:abc",
        "<html><body>500</body></html>",
        "<methodResponse>",
        "<methodCall><methodName>x</methodName></methodCall>",
        "<methodResponse></methodResponse>",
        "<methodResponse><params></params></methodResponse>",
        "<methodResponse><params><param><value>a</value></param><param><value>b</value></param></params></methodResponse>",
        "<methodResponse><params><param><value>a</value></param></params><fault/></methodResponse>",
        "<methodResponse><params><param/></params></methodResponse>",
        "<methodResponse><result><value>a</value></result></methodResponse>",
        "<methodResponse><params><param><value><int>12x</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><int>2147483648</int></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><boolean>true</boolean></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><double>NaN</double></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><dateTime.iso8601>yesterday</dateTime.iso8601></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><base64>!!not base64!!</base64></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><nil/></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><string>a</string><string>b</string></value></param></params></methodResponse>",
        "<methodResponse><params><param><value>text<string>b</string></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><string><b>bold</b></string></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><array><value>a</value></array></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><struct><member><name>a</name></member></struct></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><struct><member><name>a</name><value>1</value></member><member><name>a</name><value>2</value></member></struct></value></param></params></methodResponse>",
        "<methodResponse><params><param><value><x:int xmlns:x=\"urn:x\">1</x:int></value></param></params></methodResponse>",
        "<methodResponse><fault><value><string>oops</string></value></fault></methodResponse>",
        "<methodResponse><fault><value><struct><member><name>faultString</name><value>no code</value></member></struct></value></fault></methodResponse>",
        "<methodResponse><fault><value><struct><member><name>faultCode</name><value>4</value></member><member><name>faultString</name><value>x</value></member></struct></value></fault></methodResponse>",
    };

    [Theory]
    [MemberData(nameof(MalformedResponses))]
    public void A_response_that_is_not_well_formed_xml_rpc_is_refused(string xml)
    {
        Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeResponse(xml));
    }

    [Theory]
    [InlineData("<methodCall></methodCall>")]
    [InlineData("<methodCall><methodName></methodName></methodCall>")]
    [InlineData("<methodCall><methodName>bad name!</methodName></methodCall>")]
    [InlineData("<methodCall><params/><methodName>x</methodName></methodCall>")]
    [InlineData("<methodCall><methodName>x</methodName><params><value>a</value></params></methodCall>")]
    public void A_call_that_is_not_well_formed_xml_rpc_is_refused(string xml)
    {
        Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeCall(xml));
    }

    [Fact]
    public void A_document_with_an_external_entity_is_refused_before_anything_is_read()
    {
        var xxe = """
            <?xml version="1.0"?>
            <!DOCTYPE methodResponse [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>
            <methodResponse><params><param><value><string>&xxe;</string></value></param></params></methodResponse>
            """;

        var ex = Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeResponse(xxe));
        Assert.Contains("DTD", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_document_with_an_entity_expansion_bomb_is_refused()
    {
        var bomb = """
            <?xml version="1.0"?>
            <!DOCTYPE lolz [ <!ENTITY lol "lol"> <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"> ]>
            <methodCall><methodName>x</methodName><params><param><value>&lol2;</value></param></params></methodCall>
            """;

        Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeCall(bomb));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused()
    {
        var deep = string.Concat(Enumerable.Repeat("<value><array><data>", XmlRpc.MaxDepth + 2))
            + "<value>x</value>"
            + string.Concat(Enumerable.Repeat("</data></array></value>", XmlRpc.MaxDepth + 2));

        Assert.Throws<XmlRpcFormatException>(() => XmlRpc.DecodeResponse($"<methodResponse><params><param>{deep}</param></params></methodResponse>"));
    }

    [Fact]
    public void Nesting_up_to_the_limit_is_read()
    {
        var depth = XmlRpc.MaxDepth;
        var deep = string.Concat(Enumerable.Repeat("<value><array><data>", depth))
            + "<value>x</value>"
            + string.Concat(Enumerable.Repeat("</data></array></value>", depth));

        var value = XmlRpc.DecodeResponse($"<methodResponse><params><param>{deep}</param></params></methodResponse>").Value;

        for (var i = 0; i < depth; i++)
        {
            value = Assert.Single(Assert.IsAssignableFrom<IReadOnlyList<object>>(value));
        }

        Assert.Equal("x", value);
    }

    public static TheoryData<object?> Unencodable => new()
    {
        null,
        double.NaN,
        double.PositiveInfinity,
        12.5m,
        42L,
        "bell \u0007 character",
        new object?[] { "a", null },
        new Dictionary<int, string> { [1] = "one" },
    };

    [Theory]
    [MemberData(nameof(Unencodable))]
    public void Values_xml_rpc_cannot_carry_are_refused_when_encoding(object? value)
    {
        Assert.Throws<ArgumentException>(() => XmlRpc.EncodeResponse(value!));
    }

    [Theory]
    [InlineData("")]
    [InlineData("QM setActivationKey")]
    [InlineData("QM.<x>")]
    public void Method_names_outside_the_specification_are_refused(string methodName)
    {
        Assert.Throws<ArgumentException>(() => XmlRpc.EncodeCall(methodName, []));
    }
}
