using System.Text;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Simulators.Instances;

internal static class InstanceEndpoints
{
    public const string XmlContentType = "text/xml";

    public static void MapInstances(this IEndpointRouteBuilder app)
    {
        app.MapPost(SimulatorHost.InstanceRpcPath, CallAsync);

        var control = app.MapGroup("/control/instances");
        control.MapGet("/", (InstanceSimulator instances) => Results.Json(instances.All()));
        control.MapGet("/{**name}", (string name, InstanceSimulator instances) =>
            instances.Find(Control.Unescape(name)) is { } instance ? Results.Json(instance) : Results.NotFound());
        control.MapPost("/{**name}", SetBehaviour);
        control.MapDelete("/{**name}", (string name, InstanceSimulator instances) =>
        {
            instances.ClearBehaviour(Control.Unescape(name));
            return Results.NoContent();
        });
    }

    /// <summary>The instance's XML-RPC endpoint; only <c>QM.setActivationKey(instanceName, key)</c> is implemented.</summary>
    private static async Task<IResult> CallAsync(
        HttpContext context,
        InstanceSimulator instances,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<InstanceSimulator> logger)
    {
        using var reader = new StreamReader(context.Request.Body, Encoding.UTF8);
        var xml = await reader.ReadToEndAsync(context.RequestAborted);

        XmlRpcCall call;
        try
        {
            call = XmlRpc.DecodeCall(xml);
        }
        catch (XmlRpcFormatException ex)
        {
            return Fault(XmlRpc.ParseErrorCode, $"Parse error: {ex.Message}");
        }

        if (call.MethodName != SetActivationKeyCall.MethodName)
        {
            return Fault(XmlRpc.MethodNotFoundCode, $"Method not found: {call.MethodName}");
        }

        if (call.Parameters is not [string name, string licenceKey] || string.IsNullOrWhiteSpace(name))
        {
            return Fault(XmlRpc.InvalidParamsCode, $"{SetActivationKeyCall.MethodName} takes two strings: the instance name and the key");
        }

        var behaviour = instances.BeginCall(name);
        if (behaviour is { Behaviour: InstanceBehaviour.Stall })
        {
            if (!await Control.StallAsync(behaviour.Seconds, time, context, lifetime))
            {
                instances.Record(name, InstanceCallResult.Failure);
                logger.LogInformation("Instance {Instance}: stalled and the caller went away", LogText.Encode(name));
                return Results.Empty;
            }

            behaviour = null;
        }

        var kind = behaviour?.Behaviour ?? InstanceBehaviour.Normal;
        logger.LogInformation("Instance {Instance}: {Method} answered {Behaviour}", LogText.Encode(name), call.MethodName, kind);
        switch (kind)
        {
            case InstanceBehaviour.Normal:
            case InstanceBehaviour.Stall:
                return instances.Install(name, licenceKey) is { } refused
                    ? Fault(refused.Code, refused.Message)
                    : Results.Text(XmlRpc.EncodeResponse("OK"), XmlContentType, Encoding.UTF8);
            case InstanceBehaviour.Fault:
                instances.Record(name, InstanceCallResult.Fault);
                return Fault(behaviour?.FaultCode ?? InstanceSimulator.DefaultFaultCode, behaviour?.FaultString ?? "Simulated fault");
            case InstanceBehaviour.Drop:
                instances.Record(name, InstanceCallResult.Failure);
                context.Abort();
                return Results.Empty;
            case InstanceBehaviour.Error500:
                instances.Record(name, InstanceCallResult.Failure);
                return Results.Text("<html><body><h1>500 Internal Server Error</h1></body></html>", "text/html", Encoding.UTF8, StatusCodes.Status500InternalServerError);
            case InstanceBehaviour.Garbage:
                instances.Record(name, InstanceCallResult.Failure);
                return Results.Text(behaviour?.Body ?? "<html><body>Please log in</body></html>", "text/html", Encoding.UTF8);
            default:
                throw new InvalidOperationException($"Unknown behaviour {kind}.");
        }
    }

    private static IResult SetBehaviour(string name, InstanceBehaviourRequest request, InstanceSimulator instances)
    {
        if (Control.Validate(request.Seconds, request.Times) is { } problem)
        {
            return problem;
        }

        var instance = Control.Unescape(name);
        instances.SetBehaviour(instance, request);
        return Results.Json(new { name = instance, request.Behaviour, request.Times });
    }

    /// <summary>Faults are HTTP 200, as the specification requires: the transport worked, the call did not.</summary>
    private static IResult Fault(int code, string message) =>
        Results.Text(XmlRpc.EncodeFault(new XmlRpcFault(code, message)), XmlContentType, Encoding.UTF8);
}
