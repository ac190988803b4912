using LibGit2Sharp;
using Microsoft.Extensions.DependencyInjection;
using Scaffolder.Api.Sources;
using Xunit;

namespace Scaffolder.Api.Tests;

/// <summary><c>Scaffolder:Sources:MaxBytes</c> bounds a template's files in a folder and in a local git repository alike.</summary>
public sealed class TemplateSourceLimitTests : IDisposable
{
    private const int Limit = 1000;
    private readonly string _root = Directory.CreateTempSubdirectory("portal-template-limits-").FullName;
    private readonly ServiceProvider _services;

    public TemplateSourceLimitTests()
    {
        _services = new ServiceCollection()
            .Configure<SourcesOptions>(options =>
            {
                options.AllowedRoots = [_root];
                options.MaxBytes = Limit;
            })
            .AddHttpClient()
            .AddSingleton<TemplateSources>()
            .BuildServiceProvider();
    }

    public void Dispose()
    {
        _services.Dispose();
        foreach (var file in Directory.EnumerateFiles(_root, "*", SearchOption.AllDirectories))
        {
            File.SetAttributes(file, FileAttributes.Normal);
        }

        Directory.Delete(_root, recursive: true);
    }

    private string WriteTemplate(string folder)
    {
        var path = Path.Combine(_root, folder);
        Directory.CreateDirectory(Path.Combine(path, "skeleton"));
        File.WriteAllText(Path.Combine(path, "template.yaml"), "kind: Template\n");
        File.WriteAllBytes(Path.Combine(path, "at-limit.txt"), new byte[Limit]);
        File.WriteAllBytes(Path.Combine(path, "over-limit.txt"), new byte[Limit + 1]);
        File.WriteAllBytes(Path.Combine(path, "skeleton", "a.txt"), new byte[Limit / 2]);
        File.WriteAllBytes(Path.Combine(path, "skeleton", "b.txt"), new byte[(Limit / 2) + 1]);
        return path;
    }

    private ITemplateSource Open(string location) => _services.GetRequiredService<TemplateSources>().Open(location);

    private static async Task AssertLimitsAsync(ITemplateSource source)
    {
        Assert.Equal(Limit, (await source.ReadFileAsync("at-limit.txt", CancellationToken.None)).Content.Length);
        var file = await Assert.ThrowsAsync<SourceException>(() => source.ReadFileAsync("over-limit.txt", CancellationToken.None));
        Assert.Contains($"{Limit + 1} bytes, more than the limit of {Limit} (Scaffolder:Sources:MaxBytes)", file.Message, StringComparison.Ordinal);
        var tree = await Assert.ThrowsAsync<SourceException>(() => source.ReadTreeAsync("skeleton", CancellationToken.None));
        Assert.Contains($"holds more than {Limit} bytes (Scaffolder:Sources:MaxBytes)", tree.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_folder_source_reads_a_file_of_the_limit_and_refuses_larger_files_and_folders()
    {
        var folder = WriteTemplate("plain");

        await AssertLimitsAsync(Open($"file:{folder}/template.yaml"));
    }

    [Fact]
    public async Task A_git_source_reads_a_file_of_the_limit_and_refuses_larger_files_and_folders()
    {
        var folder = WriteTemplate("repo.git");
        Repository.Init(folder);
        using (var repository = new Repository(folder))
        {
            Commands.Stage(repository, "*");
            var author = new Signature("test", "test@example.com", DateTimeOffset.UnixEpoch);
            repository.Commit("template", author, author);
        }

        await AssertLimitsAsync(Open($"file:{folder}/template.yaml"));
    }
}
