using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ResellerPortal.Tests.Shared;

/// <summary>
/// A small SMTP server on loopback that speaks enough of RFC 5321 and 4954 for MailKit
/// (EHLO/HELO, AUTH PLAIN, MAIL, RCPT, DATA, RSET, NOOP, QUIT; no STARTTLS) and keeps what it
/// receives. <see cref="RejectMail"/> answers 451 to MAIL FROM, as a server in trouble does;
/// <see cref="MailFromReply"/> answers anything else, and <see cref="DropOnMail"/> closes the connection.
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

    /// <summary>When set, the reply to MAIL FROM (e.g. "550 5.7.1 Relaying denied").</summary>
    public string? MailFromReply { get; set; }

    /// <summary>Close the connection without a word when MAIL FROM arrives.</summary>
    public bool DropOnMail { get; set; }

    /// <summary>When set, the sink advertises AUTH PLAIN and refuses MAIL until these credentials are given.</summary>
    public (string UserName, string Password)? Credentials { get; set; }

    public ConcurrentQueue<string> Authenticated { get; } = new();

    /// <summary>How many connections were accepted.</summary>
    public int Connections => _connections;

    private int _connections;

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
            Interlocked.Increment(ref _connections);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            using var reader = new StreamReader(stream, new UTF8Encoding(false));
            await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 sink ESMTP ready");
            string? from = null;
            string? user = null;
            var to = new List<string>();
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO":
                        await writer.WriteLineAsync("250-sink");
                        if (Credentials is not null)
                        {
                            await writer.WriteLineAsync("250-AUTH PLAIN");
                        }

                        await writer.WriteLineAsync("250 8BITMIME");
                        break;
                    case "AUTH":
                        // AUTH PLAIN [initial response]: base64 of "authzid\0user\0password".
                        var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                        var response = parts.Length > 2 ? parts[2] : null;
                        if (response is null)
                        {
                            await writer.WriteLineAsync("334 ");
                            response = await reader.ReadLineAsync() ?? string.Empty;
                        }

                        var fields = Encoding.UTF8.GetString(Convert.FromBase64String(response)).Split('\0');
                        if (Credentials is { } expected && fields.Length == 3 && fields[1] == expected.UserName && fields[2] == expected.Password)
                        {
                            user = fields[1];
                            Authenticated.Enqueue(user);
                            await writer.WriteLineAsync("235 2.7.0 Authentication successful");
                        }
                        else
                        {
                            await writer.WriteLineAsync("535 5.7.8 Authentication credentials invalid");
                        }

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
                        if (DropOnMail)
                        {
                            return;
                        }

                        if (RejectMail || MailFromReply is not null)
                        {
                            await writer.WriteLineAsync(MailFromReply ?? "451 4.3.0 Try again later");
                            break;
                        }

                        if (Credentials is not null && user is null)
                        {
                            await writer.WriteLineAsync("530 5.7.0 Authentication required");
                            break;
                        }

                        // The reverse path only, without parameters such as BODY=8BITMIME.
                        from = line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim().Split(' ')[0];
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
