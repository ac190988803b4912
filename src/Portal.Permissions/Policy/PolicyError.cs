namespace Portal.Permissions.Policy;

/// <summary>One problem in a policy file, where it is (1-based line and column).</summary>
public sealed record PolicyError(int Line, int Column, string Message)
{
    public override string ToString() => $"line {Line}, column {Column}: {Message}";
}

/// <summary>A policy file that cannot be used: every problem found in it, at once.</summary>
public sealed class PolicyFileException(string source, IReadOnlyList<PolicyError> errors)
    : Exception($"The permission policy {source} has {errors.Count} error(s): " + string.Join("; ", errors))
{
    /// <summary>The file's path, or <c>the built-in default policy</c>.</summary>
    public string PolicySource { get; } = source;

    public IReadOnlyList<PolicyError> Errors { get; } = errors;
}
