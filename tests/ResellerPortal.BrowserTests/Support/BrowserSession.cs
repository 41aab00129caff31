using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace ResellerPortal.BrowserTests.Support;

/// <summary>One browser context with one page, and the errors its pages wrote to the console.</summary>
public sealed class BrowserSession(IBrowserContext context, IPage page) : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _errors = new();

    public IPage Page { get; } = page;

    public IReadOnlyCollection<string> Errors => _errors;

    internal void RecordError(string error) => _errors.Enqueue(error);

    public async ValueTask DisposeAsync() => await context.DisposeAsync();
}
