namespace Portal.Catalog.Model;

/// <summary>One thing wrong with an entity or its file: the field's path, what is wrong, and where in the file when known.</summary>
public sealed record EntityProblem(string Path, string Message, int? Line = null, int? Column = null)
{
    public override string ToString()
    {
        var where = Line is null ? "" : $" (line {Line}, column {Column})";
        return Path.Length == 0 ? Message + where : $"{Path}: {Message}{where}";
    }
}
