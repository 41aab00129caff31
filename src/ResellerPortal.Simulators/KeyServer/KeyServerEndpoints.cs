using System.Text;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Simulators.KeyServer;

internal static class KeyServerEndpoints
{
    public const string ErrorPage =
        "<!DOCTYPE html>\n<html><head><title>Service temporarily unavailable</title></head>\n"
        + "<body><h1>Service temporarily unavailable</h1><p>The licence service is under maintenance. Please try again later.</p></body></html>\n";

    public static void MapKeyServer(this IEndpointRouteBuilder app)
    {
        app.MapGet(SimulatorHost.KeyServerPath, ActivateAsync);

        var control = app.MapGroup("/control");
        control.MapGet("/calls", (KeyServerSimulator keyServer) => Results.Json(keyServer.Calls()));
        control.MapGet("/calls/{**ppk}", (string ppk, KeyServerSimulator keyServer) => Results.Json(keyServer.CallsFor(Control.Unescape(ppk))));
        control.MapGet("/stock", (KeyServerSimulator keyServer) => Results.Json(keyServer.Stock()));
        control.MapPost("/stock", AddToStockAsync);
        control.MapGet("/keys/{**ppk}", (string ppk, KeyServerSimulator keyServer) =>
            keyServer.Find(Control.Unescape(ppk)) is { } key ? Results.Json(key) : Results.NotFound());
        control.MapPost("/keys/{**ppk}", SetBehaviour);
        control.MapDelete("/keys/{**ppk}", (string ppk, KeyServerSimulator keyServer) =>
        {
            keyServer.ClearBehaviour(Control.Unescape(ppk));
            return Results.NoContent();
        });
    }

    /// <summary>The activation call of §4: <c>GET licence_wsvc_gen.do?K_enduser=&amp;K_email=&amp;K_id=</c>.</summary>
    private static async Task<IResult> ActivateAsync(
        HttpContext context,
        KeyServerSimulator keyServer,
        TimeProvider time,
        IHostApplicationLifetime lifetime,
        ILogger<KeyServerSimulator> logger)
    {
        var query = context.Request.Query;
        var kId = query["K_id"].ToString();
        var behaviour = keyServer.BeginCall(kId);

        if (behaviour is { Behaviour: KeyServerBehaviour.Stall })
        {
            if (!await Control.StallAsync(behaviour.Seconds, time, context, lifetime))
            {
                keyServer.Record(kId, KeyCallResult.Failure);
                logger.LogInformation("Key server: {Ppk} stalled and the caller went away", ForLog(kId));
                return Results.Empty;
            }

            behaviour = null;
        }

        var kind = behaviour?.Behaviour ?? KeyServerBehaviour.Normal;
        if (kind != KeyServerBehaviour.Normal)
        {
            logger.LogInformation("Key server: {Ppk} answered as told: {Behaviour}", ForLog(kId), kind);
        }

        switch (kind)
        {
            case KeyServerBehaviour.Normal:
            case KeyServerBehaviour.Stall:
                var answer = keyServer.Activate(kId, query["K_enduser"].ToString(), query["K_email"].ToString());
                keyServer.Record(kId, answer.Ok ? KeyCallResult.KeyReply : KeyCallResult.Refusal);
                logger.LogInformation("Key server: {Ppk} answered {Status}", ForLog(kId), answer.Body[..answer.Body.IndexOf('\n', StringComparison.Ordinal)]);
                return Reply(answer.Body);
            case KeyServerBehaviour.Ko:
                keyServer.Record(kId, KeyCallResult.Refusal);
                return Reply(keyServer.Refusal(behaviour?.Reason ?? $"Key not found U:{keyServer.NextSequence()}"));
            case KeyServerBehaviour.Drop:
                keyServer.Record(kId, KeyCallResult.Failure);
                context.Abort();
                return Results.Empty;
            case KeyServerBehaviour.Error500:
                keyServer.Record(kId, KeyCallResult.Failure);
                return Results.Text(ErrorPage, "text/html", Encoding.UTF8, StatusCodes.Status500InternalServerError);
            case KeyServerBehaviour.Garbage:
                keyServer.Record(kId, KeyCallResult.Failure);
                return behaviour?.Body is { } body ? Reply(body) : Results.Text(ErrorPage, "text/html", Encoding.UTF8);
            case KeyServerBehaviour.Truncated:
                var issued = keyServer.Activate(kId, query["K_enduser"].ToString(), query["K_email"].ToString());
                keyServer.Record(kId, KeyCallResult.Failure);
                return Reply(Truncate(issued));
            default:
                throw new InvalidOperationException($"Unknown behaviour {kind}.");
        }
    }

    private static IResult SetBehaviour(string ppk, KeyServerBehaviourRequest request, KeyServerSimulator keyServer)
    {
        if (Control.Validate(request.Seconds, request.Times) is { } problem)
        {
            return problem;
        }

        var name = Control.Unescape(ppk);
        keyServer.SetBehaviour(name, request);
        return Results.Json(new { ppk = name, request.Behaviour, request.Times });
    }

    /// <summary>Adds the keys of a text body, one per line, as a reseller pastes them.</summary>
    private static async Task<IResult> AddToStockAsync(HttpRequest request, KeyServerSimulator keyServer)
    {
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var import = PpkImport.Parse(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
        var added = import.Keys.Where(k => keyServer.AddToStock(k.Ppk)).Select(k => k.Ppk.Text).ToList();
        return Results.Json(new
        {
            added,
            errors = import.Errors.Select(e => new { line = e.LineNumber, e.Reason }),
        });
    }

    /// <summary>The reply cut in the middle of the key, as a connection that breaks mid-answer leaves it.</summary>
    private static string Truncate(KeyServerAnswer answer)
    {
        if (answer.LicenceKey is { } key)
        {
            var at = answer.Body.IndexOf("K:", StringComparison.Ordinal) + 2 + (key.Length / 2);
            return answer.Body[..at];
        }

        return answer.Body[..(answer.Body.Length / 2)];
    }

    /// <summary>Even a simulator keeps keys out of its log: the masked form, or the text made safe if it is not a key.</summary>
    private static string ForLog(string kId) => Ppk.Parse(kId) is { IsValid: true } parsed ? parsed.Ppk.Masked : LogText.Encode(kId);

    private static IResult Reply(string body) => Results.Text(body, "text/plain", Encoding.UTF8);
}
