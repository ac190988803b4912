using System.Text.Json.Nodes;
using LibGit2Sharp;
using Microsoft.Extensions.Options;
using Portal.Sources;
using Scaffolder.Api.Templating;

namespace Scaffolder.Api.Actions;

/// <summary>
/// <c>publish:git</c>: commits the workspace (with author) as the first commit of a new bare repository under
/// <c>Scaffolder:Publish:Root</c> when <c>repoUrl</c> names the local host, or pushes it to an existing git remote
/// (<c>remoteUrl</c>: a file URL under the root, or an http(s) URL on an allowed host). Returns <c>remoteUrl</c>,
/// <c>repoContentsUrl</c> and <c>commitHash</c>.
/// </summary>
public sealed class PublishGitAction(IOptionsMonitor<PublishOptions> options) : IScaffolderAction
{
    public string Id => "publish:git";

    public string Description => "Initializes a git repository of the content in the workspace, and publishes it to a new local bare repository or pushes it to a git remote.";

    public JsonObject InputSchema => Schemas.Object(["repoUrl"],
        ("repoUrl", Schemas.String("Repository Location", "local?owner=x&repo=y (or local/y) for a new repository; another host needs remoteUrl")),
        ("remoteUrl", Schemas.String("Remote URL", "An existing git remote to push to instead of creating a repository")),
        ("description", Schemas.String("Repository Description", "")),
        ("defaultBranch", Schemas.String("Default Branch", "Sets the default branch on the repository. The default value is 'main'")),
        ("sourcePath", Schemas.String("Source Path", "Path within the workspace that will be used as the repository root.")),
        ("gitCommitMessage", Schemas.String("Git Commit Message", "Sets the commit message on the repository. The default value is 'initial commit'")),
        ("gitAuthorName", Schemas.String("Default Author Name", "Sets the default author name for the commit.")),
        ("gitAuthorEmail", Schemas.String("Default Author Email", "Sets the default author email for the commit.")));

    public JsonObject OutputSchema => Schemas.Object([],
        ("remoteUrl", Schemas.String("A URL to the repository with the provider", "")),
        ("repoContentsUrl", Schemas.String("A URL to the root of the repository", "")),
        ("commitHash", Schemas.String("The git commit hash of the initial commit", "")));

    public async Task ExecuteAsync(ActionContext context, CancellationToken cancellationToken)
    {
        var settings = options.CurrentValue;
        var branch = context.GetString("defaultBranch") ?? "main";
        var remoteUrl = context.GetString("remoteUrl");
        var destination = remoteUrl is null ? LocalRepository(context.RequireString("repoUrl"), settings) : CheckRemote(remoteUrl, settings);

        if (context.IsDryRun)
        {
            await context.LogAsync($"Dry run: would publish the workspace to {destination} ({branch})");
            context.SetOutput("remoteUrl", destination.AbsoluteUri);
            context.SetOutput("repoContentsUrl", destination.AbsoluteUri);
            return;
        }

        var source = context.Workspace.Resolve(context.GetString("sourcePath"));
        var author = new Signature(
            context.GetString("gitAuthorName") ?? settings.DefaultAuthorName,
            context.GetString("gitAuthorEmail") ?? settings.DefaultAuthorEmail,
            DateTimeOffset.UtcNow);
        var message = context.GetString("gitCommitMessage") ?? "initial commit";

        string commitHash;
        if (remoteUrl is null)
        {
            commitHash = CreateRepository(destination.LocalPath, source, context.Workspace, branch, author, message);
            await context.LogAsync($"Created repository {destination.LocalPath} with commit {commitHash[..7]} on {branch}");
        }
        else
        {
            commitHash = Push(destination, source, context.Workspace, branch, author, message);
            await context.LogAsync($"Pushed commit {commitHash[..7]} to {destination} ({branch})");
        }

        context.SetOutput("remoteUrl", destination.AbsoluteUri);
        context.SetOutput("repoContentsUrl", destination.AbsoluteUri);
        context.SetOutput("commitHash", commitHash);
    }

    private static Uri LocalRepository(string repoUrl, PublishOptions settings)
    {
        RepoUrl parsed;
        try
        {
            parsed = RepoUrl.Parse(repoUrl);
        }
        catch (TemplateException exception)
        {
            throw new ActionInputException(exception.Message);
        }

        if (!string.Equals(parsed.Host, settings.LocalHost, StringComparison.OrdinalIgnoreCase))
        {
            throw new ActionInputException(
                $"publish:git creates repositories on the local host '{settings.LocalHost}' (Scaffolder:Publish:LocalHost) or pushes to a 'remoteUrl'; '{parsed.Host}' is neither");
        }

        var relative = parsed.Slug + ".git";
        if (relative.Split('/').Any(part => part is "" or "." or ".." || part.StartsWith('.')))
        {
            throw new ActionInputException($"repository name '{parsed.Slug}' is not valid");
        }

        var root = Path.GetFullPath(settings.Root);
        var path = Path.GetFullPath(Path.Combine(root, relative));
        if (!PathGuard.IsLexicallyInside(root, path))
        {
            throw new ActionInputException($"repository '{parsed.Slug}' would leave the publish root");
        }

        return new Uri(path);
    }

    private static Uri CheckRemote(string remoteUrl, PublishOptions settings)
    {
        if (!Uri.TryCreate(remoteUrl, UriKind.Absolute, out var uri))
        {
            throw new ActionInputException($"remoteUrl '{remoteUrl}' is not an absolute URL");
        }

        var allowed = uri.IsFile
            ? PathGuard.TryResolveInside(settings.Root, uri.LocalPath) is not null
            : HostAllowList.IsAllowed(settings.AllowedRemoteHosts, uri);
        return allowed
            ? uri
            : throw new ActionInputException($"remoteUrl '{remoteUrl}' is neither under the publish root nor on an allowed host (Scaffolder:Publish:AllowedRemoteHosts)");
    }

    /// <summary>Builds the repository beside its final place and moves it in at once, so no one sees half a repository and two tasks cannot both create it.</summary>
    private static string CreateRepository(string path, string source, Sources.Workspace workspace, string branch, Signature author, string message)
    {
        if (Directory.Exists(path) || File.Exists(path))
        {
            throw new ActionInputException($"repository '{path}' already exists");
        }

        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var staging = $"{path}.staging-{Guid.NewGuid():N}";
        try
        {
            string hash;
            using (var repository = new Repository(Repository.Init(staging, isBare: true)))
            {
                hash = Commit(repository, source, workspace, branch, author, message);
                repository.Refs.UpdateTarget("HEAD", $"refs/heads/{branch}");
            }

            Directory.Move(staging, path);
            return hash;
        }
        catch (IOException) when (Directory.Exists(path))
        {
            throw new ActionInputException($"repository '{path}' already exists");
        }
        finally
        {
            if (Directory.Exists(staging))
            {
                Directory.Delete(staging, recursive: true);
            }
        }
    }

    private static string Push(Uri remote, string source, Sources.Workspace workspace, string branch, Signature author, string message)
    {
        var scratch = Path.Combine(Path.GetTempPath(), $"portal-publish-{Guid.NewGuid():N}");
        try
        {
            using var repository = new Repository(Repository.Init(scratch, isBare: true));
            var hash = Commit(repository, source, workspace, branch, author, message);
            var origin = repository.Network.Remotes.Add("origin", remote.IsFile ? remote.LocalPath : remote.AbsoluteUri);
            repository.Network.Push(origin, $"refs/heads/{branch}:refs/heads/{branch}");
            return hash;
        }
        catch (LibGit2SharpException exception)
        {
            throw new ActionInputException($"pushing to {remote} failed: {exception.Message}");
        }
        finally
        {
            if (Directory.Exists(scratch))
            {
                Directory.Delete(scratch, recursive: true);
            }
        }
    }

    private static string Commit(Repository repository, string source, Sources.Workspace workspace, string branch, Signature author, string message)
    {
        var tree = new TreeDefinition();
        var root = Path.GetRelativePath(workspace.Root, source);
        var files = workspace.ListFiles(root == "." ? null : root);
        if (files.Count == 0)
        {
            throw new ActionInputException("there is nothing to publish: the workspace is empty");
        }

        foreach (var relative in files)
        {
            var path = workspace.Resolve(relative);
            var blob = repository.ObjectDatabase.CreateBlob(path);
            var executable = Sources.FileModes.IsExecutable(path);
            tree.Add(Path.GetRelativePath(source, path).Replace('\\', '/'), blob, executable ? Mode.ExecutableFile : Mode.NonExecutableFile);
        }

        var commit = repository.ObjectDatabase.CreateCommit(author, author, message, repository.ObjectDatabase.CreateTree(tree), [], prettifyMessage: true);
        repository.Refs.Add($"refs/heads/{branch}", commit.Id);
        return commit.Sha;
    }
}
