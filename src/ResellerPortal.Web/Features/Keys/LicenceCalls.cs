using System.Diagnostics;
using System.Net;
using System.Text;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using ResellerPortal.Domain;
using ResellerPortal.Domain.Licensing;

namespace ResellerPortal.Web.Features.Keys;

/// <summary>How one call ended, and what it returned when it worked.</summary>
public sealed record CallResult(AttemptOutcome Outcome, string? StatusLine, string? Detail, KeyServerReply? Reply = null)
{
    /// <summary>Worth asking again: the answer was not the protocol's, or there was no answer.</summary>
    public bool IsRetryable => Outcome is AttemptOutcome.Malformed or AttemptOutcome.TimedOut or AttemptOutcome.ConnectionFailed or AttemptOutcome.HttpError;

    public string Describe() => Detail ?? StatusLine ?? Outcome.ToString();
}

/// <summary>
/// Calls the key server and the instances over HTTP, one attempt each; <see cref="LicenceRetries"/>
/// repeats them. Every failure becomes a <see cref="CallResult"/>, never an exception, so each
/// attempt can be recorded with its outcome.
/// </summary>
public sealed class LicenceCalls(HttpClient http)
{
    /// <summary>A reply longer than the documented few lines is not read to its end.</summary>
    private const int MaxBodyCharacters = KeyServerReply.MaxReplyLength + 1;

    public async Task<CallResult> ActivateAsync(Uri url, CancellationToken ct)
    {
        return await CallAsync(async token =>
        {
            using var response = await http.GetAsync(url, HttpCompletionOption.ResponseHeadersRead, token);
            var body = await ReadBoundedAsync(response, token);
            if (!response.IsSuccessStatusCode)
            {
                return HttpError(response.StatusCode);
            }

            var reply = KeyServerReply.Parse(body);
            return reply.Outcome switch
            {
                KeyServerOutcome.Activated => new CallResult(AttemptOutcome.Succeeded, reply.StatusLine, null, reply),
                KeyServerOutcome.Refused => new CallResult(AttemptOutcome.Refused, reply.StatusLine, reply.Reason, reply),
                KeyServerOutcome.Malformed => new CallResult(AttemptOutcome.Malformed, reply.StatusLine, reply.Reason),
            };
        }, ct);
    }

    public async Task<CallResult> InstallAsync(Uri endpoint, string instanceName, string licenceKey, CancellationToken ct)
    {
        return await CallAsync(async token =>
        {
            using var content = new StringContent(SetActivationKeyCall.Encode(instanceName, licenceKey), Encoding.UTF8, "text/xml");
            using var response = await http.PostAsync(endpoint, content, token);
            var body = await ReadBoundedAsync(response, token);
            if (!response.IsSuccessStatusCode)
            {
                return HttpError(response.StatusCode);
            }

            XmlRpcResponse answer;
            try
            {
                answer = XmlRpc.DecodeResponse(body);
            }
            catch (XmlRpcFormatException ex)
            {
                return new CallResult(AttemptOutcome.Malformed, "HTTP 200", "Not an XML-RPC response: " + LogText.Encode(ex.Message));
            }

            return answer.Fault is { } fault
                ? new CallResult(AttemptOutcome.Refused, $"fault {fault.Code}", LogText.Encode(fault.Message))
                : new CallResult(AttemptOutcome.Succeeded, "OK", null);
        }, ct);
    }

    /// <summary>Turns what can go wrong on the wire into an outcome; cancellation by the caller still throws.</summary>
    private static async Task<CallResult> CallAsync(Func<CancellationToken, Task<CallResult>> call, CancellationToken ct)
    {
        try
        {
            return await call(ct);
        }
        catch (HttpRequestException ex)
        {
            return new CallResult(AttemptOutcome.ConnectionFailed, null, LogText.Encode(ex.Message));
        }
        catch (IOException ex)
        {
            return new CallResult(AttemptOutcome.ConnectionFailed, null, LogText.Encode(ex.Message));
        }
    }

    private static async Task<string> ReadBoundedAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyCharacters];
        var read = 0;
        int n;
        while (read < buffer.Length && (n = await reader.ReadAsync(buffer.AsMemory(read), ct)) > 0)
        {
            read += n;
        }

        return new string(buffer, 0, read);
    }

    private static CallResult HttpError(HttpStatusCode status) =>
        new(AttemptOutcome.HttpError, $"HTTP {(int)status}", $"The server answered with an error (HTTP {(int)status})");
}

/// <summary>
/// The retry policy of §4: timeouts, connection errors, HTTP errors and malformed replies are retried
/// with exponential backoff and jitter, each attempt under its own timeout, until the phase's
/// deadline. Safe because the key server returns the same key for a repeated call and installing
/// the same key twice changes nothing. Each attempt is reported to <c>onAttempt</c> as it ends.
/// </summary>
public sealed class LicenceRetries(TimeProvider clock)
{
    public const string CutOffByDeadline = "Cut off by the deadline";

    public async Task<CallResult> RunAsync(
        Func<CancellationToken, Task<CallResult>> attempt,
        Func<DateTimeOffset, TimeSpan, CallResult, Task> onAttempt,
        LicensingOptions options,
        DateTimeOffset deadline,
        CancellationToken ct)
    {
        var pipeline = new ResiliencePipelineBuilder<CallResult> { TimeProvider = clock }
            .AddRetry(new RetryStrategyOptions<CallResult>
            {
                ShouldHandle = args => ValueTask.FromResult(args.Outcome.Result is { IsRetryable: true }),
                MaxRetryAttempts = int.MaxValue,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.FirstRetryDelay,
                MaxDelay = options.MaxRetryDelay,
            })
            .AddTimeout(new TimeoutStrategyOptions { Timeout = options.AttemptTimeout })
            .Build();

        using var untilDeadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var remaining = deadline - clock.GetUtcNow();
        if (remaining <= TimeSpan.Zero)
        {
            throw new DeadlinePassedException(null);
        }

        untilDeadline.CancelAfter(remaining);
        CallResult? last = null;
        try
        {
            return await pipeline.ExecuteAsync(
                async token =>
                {
                    var started = clock.GetUtcNow();
                    var watch = Stopwatch.StartNew();
                    CallResult result;
                    try
                    {
                        result = await attempt(token);
                    }
                    catch (OperationCanceledException) when (token.IsCancellationRequested && !untilDeadline.IsCancellationRequested)
                    {
                        result = new CallResult(AttemptOutcome.TimedOut, null, $"No answer within {options.AttemptTimeout.TotalSeconds:0.#} s");
                    }
                    catch (OperationCanceledException) when (untilDeadline.IsCancellationRequested && !ct.IsCancellationRequested)
                    {
                        // Recorded, but the reason given stays the last real answer (or its absence).
                        await onAttempt(started, watch.Elapsed, new CallResult(AttemptOutcome.TimedOut, null, CutOffByDeadline));
                        throw;
                    }

                    last = result;
                    await onAttempt(started, watch.Elapsed, result);
                    return result;
                },
                untilDeadline.Token);
        }
        catch (OperationCanceledException) when (untilDeadline.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            throw new DeadlinePassedException(last);
        }
    }
}

/// <summary>The phase's deadline passed; <see cref="LastAttempt"/> says how the last call ended, if there was one.</summary>
public sealed class DeadlinePassedException(CallResult? lastAttempt)
    : Exception("The deadline passed before a call succeeded.")
{
    public CallResult? LastAttempt { get; } = lastAttempt;

    public string Reason => LastAttempt is { } last
        ? $"No usable answer before the deadline; the last attempt: {last.Describe()}"
        : "The deadline passed before any attempt";
}
