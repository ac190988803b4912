namespace Docs.Api.Tests;

/// <summary>The docs service keeping built sites in a folder (<c>Docs:Storage:Provider</c> = <c>filesystem</c>).</summary>
public sealed class FileSystemDocsApp : DocsApp
{
    protected override string StorageProvider => "filesystem";
}
