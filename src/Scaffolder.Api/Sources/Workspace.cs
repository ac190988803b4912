using Portal.Sources;

namespace Scaffolder.Api.Sources;

/// <summary>
/// A task's working folder. Every path an action names is relative to it and must stay inside it: no absolute paths,
/// no <c>..</c> out, no symbolic links followed out. Removed when the task ends.
/// </summary>
public sealed class Workspace(string root) : IDisposable
{
    public string Root { get; } = Directory.CreateDirectory(root).FullName;

    /// <summary>The absolute path of <paramref name="relative"/> inside the workspace, or a clear refusal.</summary>
    public string Resolve(string? relative)
    {
        relative = string.IsNullOrEmpty(relative) ? "." : relative;
        if (Path.IsPathRooted(relative) || relative.Contains('\0', StringComparison.Ordinal))
        {
            throw new SourceException($"'{relative}' is an absolute path: action paths are relative to the workspace");
        }

        var combined = Path.GetFullPath(Path.Combine(Root, relative));
        if (!PathGuard.IsLexicallyInside(Root, combined))
        {
            throw new SourceException($"'{relative}' leaves the workspace");
        }

        // A path that does not exist yet is as safe as its deepest existing ancestor: that one must resolve inside.
        var existing = combined;
        while (!File.Exists(existing) && !Directory.Exists(existing) && new FileInfo(existing).LinkTarget is null)
        {
            existing = Path.GetDirectoryName(existing)!;
        }

        if (PathGuard.TryResolveInside(Root, existing) is null)
        {
            throw new SourceException($"'{relative}' leads through a symbolic link out of the workspace");
        }

        return PathGuard.TryResolveInside(Root, combined)
            ?? throw new SourceException($"'{relative}' leads through a symbolic link out of the workspace");
    }

    /// <summary>Writes a file, creating folders; refuses to write through a symbolic link.</summary>
    public async Task WriteAsync(string relative, byte[] content, bool executable, CancellationToken cancellationToken)
    {
        var path = Resolve(relative);
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new SourceException($"'{relative}' is a symbolic link: the workspace does not write through links");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        if (PathGuard.TryResolveInside(Root, Path.GetDirectoryName(path)!) is null)
        {
            throw new SourceException($"'{relative}' leads through a symbolic link out of the workspace");
        }

        await File.WriteAllBytesAsync(path, content, cancellationToken);
        if (executable)
        {
            FileModes.MakeExecutable(path);
        }
    }

    /// <summary>Every file in the workspace (or below <paramref name="relative"/>), paths relative to the workspace.</summary>
    public IReadOnlyList<string> ListFiles(string? relative = null)
    {
        var start = Resolve(relative);
        if (!Directory.Exists(start))
        {
            return [];
        }

        return Directory.EnumerateFiles(start, "*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = 0 })
            .Select(f => Path.GetRelativePath(Root, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(Root))
            {
                Directory.Delete(Root, recursive: true);
            }
        }
        catch (IOException)
        {
            // best effort: a leftover folder is cleaned with the work directory
        }
    }
}
