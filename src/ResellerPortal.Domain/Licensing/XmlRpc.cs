using System.Collections;
using System.Globalization;
using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace ResellerPortal.Domain.Licensing;

/// <summary>A decoded <c>methodCall</c>.</summary>
public sealed record XmlRpcCall(string MethodName, IReadOnlyList<object> Parameters);

/// <summary>A <c>fault</c> answer: the call reached the server and the server said no.</summary>
public sealed record XmlRpcFault(int Code, string Message);

/// <summary>A decoded <c>methodResponse</c>: either one value or a fault.</summary>
public sealed class XmlRpcResponse
{
    private XmlRpcResponse(object? value, XmlRpcFault? fault)
    {
        Value = value;
        Fault = fault;
    }

    public object? Value { get; }

    public XmlRpcFault? Fault { get; }

    public bool IsFault => Fault is not null;

    internal static XmlRpcResponse Success(object value) => new(value, null);

    internal static XmlRpcResponse Failure(XmlRpcFault fault) => new(null, fault);
}

/// <summary>A document that is not well-formed XML-RPC (or not XML at all).</summary>
public sealed class XmlRpcFormatException : FormatException
{
    public XmlRpcFormatException()
    {
    }

    public XmlRpcFormatException(string message)
        : base(message)
    {
    }

    public XmlRpcFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

/// <summary>
/// The XML-RPC encoding (xmlrpc.com spec) used to install a licence on an instance (§4,
/// <c>QM.setActivationKey</c>). Values map to .NET as: string, int (<c>i4</c>/<c>int</c>), bool
/// (<c>boolean</c>), double, DateTime (<c>dateTime.iso8601</c>, no time zone), byte[] (<c>base64</c>),
/// a dictionary with string keys (<c>struct</c>) and any other sequence (<c>array</c>). Decoded
/// structs are <see cref="IReadOnlyDictionary{TKey, TValue}"/> and arrays <see cref="IReadOnlyList{T}"/>.
/// Decoding refuses DTDs, so an answer cannot pull in external entities (XXE) or expand entity bombs.
/// </summary>
public static class XmlRpc
{
    /// <summary>Nesting deeper than this is refused rather than recursed into.</summary>
    public const int MaxDepth = 32;

    /// <summary>Answers here are a few hundred bytes; this bounds what a hostile endpoint can make us hold.</summary>
    public const int MaxDocumentCharacters = 1024 * 1024;

    /// <summary>Codes from the specification for faults in the protocol itself (not in the method).</summary>
    public const int ParseErrorCode = -32700;
    public const int MethodNotFoundCode = -32601;
    public const int InvalidParamsCode = -32602;

    private const string DateTimeFormat = "yyyyMMdd'T'HH':'mm':'ss";
    private static readonly string[] DateTimeFormats = [DateTimeFormat, "yyyy-MM-dd'T'HH':'mm':'ss"];

    public static string EncodeCall(string methodName, IEnumerable<object> parameters)
    {
        if (string.IsNullOrEmpty(methodName) || !methodName.All(IsMethodNameCharacter))
        {
            throw new ArgumentException("A method name has only letters, digits, '_', '.', ':' and '/'.", nameof(methodName));
        }

        var call = new XElement(
            "methodCall",
            new XElement("methodName", methodName),
            new XElement("params", parameters.Select(p => new XElement("param", EncodeValue(p, 0)))));
        return Serialize(call);
    }

    public static string EncodeResponse(object value) =>
        Serialize(new XElement("methodResponse", new XElement("params", new XElement("param", EncodeValue(value, 0)))));

    public static string EncodeFault(XmlRpcFault fault)
    {
        var members = new Dictionary<string, object> { ["faultCode"] = fault.Code, ["faultString"] = fault.Message };
        return Serialize(new XElement("methodResponse", new XElement("fault", EncodeValue(members, 0))));
    }

    public static XmlRpcCall DecodeCall(string xml)
    {
        var root = Load(xml, "methodCall");
        var elements = root.Elements().ToList();
        if (elements.Count is 0 or > 2 || elements[0].Name != "methodName" || (elements.Count == 2 && elements[1].Name != "params"))
        {
            throw new XmlRpcFormatException("A methodCall holds a methodName and optionally params.");
        }

        var methodName = elements[0].Value.Trim();
        if (methodName.Length == 0 || !methodName.All(IsMethodNameCharacter))
        {
            throw new XmlRpcFormatException("The methodName is empty or has characters a method name cannot have.");
        }

        var parameters = elements.Count == 2 ? DecodeParams(elements[1]) : [];
        return new XmlRpcCall(methodName, parameters);
    }

    public static XmlRpcResponse DecodeResponse(string xml)
    {
        var root = Load(xml, "methodResponse");
        var elements = root.Elements().ToList();
        if (elements.Count != 1)
        {
            throw new XmlRpcFormatException("A methodResponse holds exactly one params or fault.");
        }

        var body = elements[0];
        if (body.Name == "params")
        {
            var parameters = DecodeParams(body);
            return parameters.Count == 1
                ? XmlRpcResponse.Success(parameters[0])
                : throw new XmlRpcFormatException($"A methodResponse returns exactly one value, not {parameters.Count}.");
        }

        if (body.Name == "fault")
        {
            var fault = body.Elements().ToList();
            if (fault.Count != 1 || DecodeValue(fault[0], 0) is not IReadOnlyDictionary<string, object> members)
            {
                throw new XmlRpcFormatException("A fault holds one value, a struct.");
            }

            if (!members.TryGetValue("faultCode", out var code) || code is not int faultCode
                || !members.TryGetValue("faultString", out var text) || text is not string faultString)
            {
                throw new XmlRpcFormatException("A fault struct has an int faultCode and a string faultString.");
            }

            return XmlRpcResponse.Failure(new XmlRpcFault(faultCode, faultString));
        }

        throw new XmlRpcFormatException($"A methodResponse holds params or fault, not {body.Name}.");
    }

    private static XElement EncodeValue(object? value, int depth)
    {
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"Values nest deeper than {MaxDepth} levels.", nameof(value));
        }

        return new XElement("value", value switch
        {
            null => throw new ArgumentException("XML-RPC has no null value.", nameof(value)),
            string s => new XElement("string", CheckedText(s)),
            int i => new XElement("int", i.ToString(CultureInfo.InvariantCulture)),
            bool b => new XElement("boolean", b ? "1" : "0"),
            double d when double.IsFinite(d) => new XElement("double", PlainDecimal(d)),
            double => throw new ArgumentException("XML-RPC cannot carry NaN or infinity.", nameof(value)),
            DateTime t => new XElement("dateTime.iso8601", t.ToString(DateTimeFormat, CultureInfo.InvariantCulture)),
            byte[] bytes => new XElement("base64", Convert.ToBase64String(bytes)),
            IDictionary members => new XElement("struct", EncodeMembers(members, depth)),
            IEnumerable items => new XElement("array", new XElement("data", items.Cast<object?>().Select(item => EncodeValue(item, depth + 1)))),
            _ => throw new ArgumentException($"XML-RPC cannot carry a {value.GetType().Name}.", nameof(value)),
        });
    }

    private static IEnumerable<XElement> EncodeMembers(IDictionary members, int depth)
    {
        foreach (DictionaryEntry entry in members)
        {
            if (entry.Key is not string name)
            {
                throw new ArgumentException("Struct member names must be strings.", nameof(members));
            }

            yield return new XElement("member", new XElement("name", CheckedText(name)), EncodeValue(entry.Value, depth + 1));
        }
    }

    /// <summary>XML 1.0 cannot carry most control characters at all, escaped or not.</summary>
    private static string CheckedText(string text)
    {
        try
        {
            return XmlConvert.VerifyXmlChars(text);
        }
        catch (XmlException ex)
        {
            throw new ArgumentException("The text has a character that XML cannot carry.", nameof(text), ex);
        }
    }

    private static string Serialize(XElement root)
    {
        // Entitized line breaks survive the line-end normalisation of the reader at the other end ("\r\n" stays "\r\n").
        var settings = new XmlWriterSettings { OmitXmlDeclaration = true, NewLineHandling = NewLineHandling.Entitize };
        var builder = new StringBuilder("<?xml version=\"1.0\"?>");
        using (var writer = XmlWriter.Create(builder, settings))
        {
            root.WriteTo(writer);
        }

        return builder.ToString();
    }

    private static XElement Load(string xml, string rootName)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentCharacters,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
        };

        XDocument document;
        try
        {
            using var text = new StringReader(xml);
            using var reader = XmlReader.Create(text, settings);
            document = XDocument.Load(reader, LoadOptions.PreserveWhitespace);
        }
        catch (XmlException ex)
        {
            throw new XmlRpcFormatException($"Not well-formed XML: {ex.Message}", ex);
        }

        if (document.Root is null || document.Root.Name != rootName)
        {
            throw new XmlRpcFormatException($"The document is not a {rootName}.");
        }

        return document.Root;
    }

    private static List<object> DecodeParams(XElement parameters)
    {
        var values = new List<object>();
        foreach (var param in parameters.Elements())
        {
            var inner = param.Elements().ToList();
            if (param.Name != "param" || inner.Count != 1)
            {
                throw new XmlRpcFormatException("params holds param elements, each with one value.");
            }

            values.Add(DecodeValue(inner[0], 0));
        }

        return values;
    }

    private static object DecodeValue(XElement value, int depth)
    {
        if (value.Name != "value")
        {
            throw new XmlRpcFormatException($"Expected a value, found {value.Name}.");
        }

        if (depth > MaxDepth)
        {
            throw new XmlRpcFormatException($"Values nest deeper than {MaxDepth} levels.");
        }

        var typed = value.Elements().ToList();
        if (typed.Count == 0)
        {
            // A value without a type element is a string, whitespace and all.
            return value.Value;
        }

        if (typed.Count > 1 || value.Nodes().OfType<XText>().Any(t => !string.IsNullOrWhiteSpace(t.Value)))
        {
            throw new XmlRpcFormatException("A value holds one type element.");
        }

        var element = typed[0];
        if (element.Name.Namespace != XNamespace.None)
        {
            throw new XmlRpcFormatException($"Unknown XML-RPC type {element.Name}.");
        }

        if (element.HasElements && element.Name.LocalName is not ("struct" or "array"))
        {
            throw new XmlRpcFormatException($"A {element.Name} holds text only.");
        }

        var text = element.Value;
        return element.Name.LocalName switch
        {
            "string" => text,
            "i4" or "int" => int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var i)
                ? i
                : throw new XmlRpcFormatException($"'{Shorten(text)}' is not a 32-bit integer."),
            "boolean" => text.Trim() switch
            {
                "1" => true,
                "0" => false,
                _ => throw new XmlRpcFormatException($"'{Shorten(text)}' is not a boolean (0 or 1)."),
            },
            "double" => double.TryParse(text.Trim(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d)
                ? d
                : throw new XmlRpcFormatException($"'{Shorten(text)}' is not a double."),
            "dateTime.iso8601" => DateTime.TryParseExact(text.Trim(), DateTimeFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var t)
                ? t
                : throw new XmlRpcFormatException($"'{Shorten(text)}' is not a dateTime.iso8601 (yyyyMMddTHH:mm:ss)."),
            "base64" => DecodeBase64(text),
            "struct" => DecodeStruct(element, depth),
            "array" => DecodeArray(element, depth),
            _ => throw new XmlRpcFormatException($"Unknown XML-RPC type {element.Name}."),
        };
    }

    private static byte[] DecodeBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(string.Concat(text.Where(c => !char.IsWhiteSpace(c))));
        }
        catch (FormatException ex)
        {
            throw new XmlRpcFormatException("The base64 value is not valid base64.", ex);
        }
    }

    private static Dictionary<string, object> DecodeStruct(XElement element, int depth)
    {
        var members = new Dictionary<string, object>(StringComparer.Ordinal);
        foreach (var member in element.Elements())
        {
            var parts = member.Elements().ToList();
            if (member.Name != "member" || parts.Count != 2 || parts[0].Name != "name" || parts[0].HasElements)
            {
                throw new XmlRpcFormatException("A struct holds members, each with a name and a value.");
            }

            var name = parts[0].Value;
            if (!members.TryAdd(name, DecodeValue(parts[1], depth + 1)))
            {
                throw new XmlRpcFormatException($"The struct has the member '{Shorten(name)}' twice.");
            }
        }

        return members;
    }

    private static List<object> DecodeArray(XElement element, int depth)
    {
        var data = element.Elements().ToList();
        if (data.Count != 1 || data[0].Name != "data")
        {
            throw new XmlRpcFormatException("An array holds one data element.");
        }

        return data[0].Elements().Select(item => DecodeValue(item, depth + 1)).ToList();
    }

    /// <summary>
    /// The shortest text that reads back as the same double, without an exponent: the specification
    /// allows only sign, digits and a decimal point, and some servers refuse "1E+20".
    /// </summary>
    private static string PlainDecimal(double value)
    {
        var shortest = value.ToString("R", CultureInfo.InvariantCulture);
        var e = shortest.IndexOf('E', StringComparison.Ordinal);
        if (e < 0)
        {
            return shortest;
        }

        var exponent = int.Parse(shortest[(e + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        var mantissa = shortest[..e];
        var sign = mantissa.StartsWith('-') ? "-" : string.Empty;
        mantissa = mantissa.TrimStart('-');
        var point = mantissa.IndexOf('.', StringComparison.Ordinal);
        var digits = mantissa.Replace(".", string.Empty, StringComparison.Ordinal);
        var pointAt = (point < 0 ? mantissa.Length : point) + exponent;
        if (pointAt <= 0)
        {
            return sign + "0." + new string('0', -pointAt) + digits;
        }

        return pointAt >= digits.Length
            ? sign + digits + new string('0', pointAt - digits.Length)
            : sign + digits[..pointAt] + "." + digits[pointAt..];
    }

    private static bool IsMethodNameCharacter(char c) => char.IsAsciiLetterOrDigit(c) || c is '_' or '.' or ':' or '/';

    private static string Shorten(string text) => LogText.Encode(text.Length > 40 ? text[..40] + "…" : text);
}

/// <summary>The instance's licence call (§4): <c>QM.setActivationKey(instanceName, key)</c>.</summary>
public static class SetActivationKeyCall
{
    public const string MethodName = "QM.setActivationKey";

    public static string Encode(string instanceName, string licenceKey) =>
        XmlRpc.EncodeCall(MethodName, [instanceName, licenceKey]);
}
