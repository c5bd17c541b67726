using Mediator;

namespace PilotEval.Documents;

/// <summary>Reads one file on its own, to show exactly what the machine saw (the <c>extract</c> command).</summary>
public static class ReadDocument
{
    public sealed record Query(string Path) : IQuery<DocumentText>;

    public sealed class Handler(DocumentReader reader) : IQueryHandler<Query, DocumentText>
    {
        public async ValueTask<DocumentText> Handle(Query query, CancellationToken cancellationToken) =>
            await reader.ReadAsync(query.Path, System.IO.Path.GetFileName(query.Path), cancellationToken);
    }
}
