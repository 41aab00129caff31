using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResellerPortal.Tests.Shared;

/// <summary>
/// A small SMTP server on loopback that speaks enough of RFC 5321 for System.Net.Mail
/// (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT) and keeps what it receives. Set
/// <see cref="RejectMail"/> to answer 451 to MAIL FROM, as a server in trouble does.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _accepting;

    public SmtpSink()
    {
        _listener.Start();
        _accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public bool RejectMail { get; set; }

    public ConcurrentQueue<ReceivedMail> Received { get; } = new();

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException or SocketException)
        {
            // Stopping the listener ends the accept loop.
        }

        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, Encoding.ASCII);
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP ready");
            string? from = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink");
                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "HELO":
                    case "NOOP":
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RSET":
                        from = null;
                        to.Clear();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "MAIL":
                        if (RejectMail)
                        {
                            await writer.WriteLineAsync("451 4.3.0 Try again later");
                            break;
                        }

                        from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim();
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "RCPT":
                        to.Add(line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim());
                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        Received.Enqueue(new ReceivedMail(from ?? string.Empty, [.. to], data.ToString()));
                        await writer.WriteLineAsync("250 OK queued");
                        from = null;
                        to.Clear();
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default:
                        await writer.WriteLineAsync("502 Command not implemented");
                        break;
                }
            }
        }
    }
}

public sealed record ReceivedMail(string From, IReadOnlyList<string> To, string Data);
