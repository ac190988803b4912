using Xunit;

namespace Search.Api.Tests;

/// <summary>The test classes share one search service, catalog and broker (one start-up for all); each uses its own names.</summary>
[CollectionDefinition(Name)]
public sealed class SearchCollection : ICollectionFixture<SearchApp>
{
    public const string Name = "search";
}
