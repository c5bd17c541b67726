namespace PilotEval.Summaries;

/// <summary>
/// Counts the HTTP attempts of one model call, so a reason says how many were really made: the retry strategy
/// allows <see cref="LlmOptions.MaxRetries"/> more, but <see cref="LlmOptions.TotalTimeout"/> or a long Retry-After
/// may end the call sooner. Sits inside the resilience handler, so it sees every attempt; the count travels with
/// the call's async flow (<see cref="Begin"/>), so concurrent calls keep their own.
/// </summary>
public sealed class LlmAttemptCounter : DelegatingHandler
{
    private static readonly AsyncLocal<Counter?> Current = new();

    /// <summary>Starts counting for the call made on this async flow; read the count from the result after the call.</summary>
    public static Counter Begin() => Current.Value = new Counter();

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Current.Value?.Add();
        return base.SendAsync(request, cancellationToken);
    }

    public sealed class Counter
    {
        private int _attempts;

        public int Attempts => Volatile.Read(ref _attempts);

        internal void Add() => Interlocked.Increment(ref _attempts);
    }
}
