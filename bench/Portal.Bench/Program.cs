using Portal.Bench;

// dotnet run -c Release --project bench/Portal.Bench -- <benchmark> [--option value ...]
// Every benchmark prints one JSON object on stdout; progress goes to stderr.
var benchmarks = new Dictionary<string, Func<BenchArguments, Task<object>>>(StringComparer.OrdinalIgnoreCase)
{
    ["catalog"] = CatalogBench.RunAsync,
    ["catalog-restricted"] = RestrictedReadsBench.RunAsync,
    ["catalog-ingest"] = IngestRoundsBench.RunAsync,
    ["scorecards"] = ScorecardsBench.RunAsync,
    ["scaffolder"] = ScaffolderBench.RunAsync,
    ["docs"] = DocsBench.RunAsync,
    ["search"] = SearchBench.RunAsync,
    ["web"] = WebBench.RunAsync,
};

if (args.Length == 0 || !benchmarks.TryGetValue(args[0], out var run))
{
    await Console.Error.WriteLineAsync($"usage: Portal.Bench <{string.Join('|', benchmarks.Keys)}> [--option value ...]");
    return 2;
}

try
{
    var figures = await run(BenchArguments.Parse(args.AsSpan(1)));
    Console.WriteLine(BenchJson.Serialize(figures));
    return 0;
}
catch (BenchException exception)
{
    await Console.Error.WriteLineAsync($"error: {exception.Message}");
    return 1;
}
