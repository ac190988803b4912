using System.Globalization;
using Microsoft.AspNetCore.Components;
using Portal.Web.Model;

namespace Portal.Web.Components.Pages.Scorecards;

/// <summary>
/// One scorecard: its levels and checks, and its entities in pages. Filters, sort and offset are in the URL, with the
/// scorecards service's own parameter names, so a view can be shared and the back button works. While the scorecard is
/// being rescored, the page follows the rescore and reloads the entities when it is done.
/// </summary>
public sealed partial class ScorecardPage
{
    private static readonly TimeSpan RescorePoll = TimeSpan.FromSeconds(2);

    private readonly CancellationTokenSource _stop = new();
    private Scorecard? _scorecard;
    private ScoredEntityPage? _page;
    private ScoredEntityQuery _query = new();
    private IReadOnlyList<RollupItem> _teams = [];
    private bool _notFound;
    private bool _loadingEntities;
    private string? _error;
    private string? _entitiesError;
    private string? _loadedScorecard;
    private CancellationTokenSource? _entitiesLoad;

    [Parameter] public string Namespace { get; set; } = "";

    [Parameter] public string Name { get; set; } = "";

    [SupplyParameterFromQuery(Name = "level")] public string? Level { get; set; }

    [SupplyParameterFromQuery(Name = "owner")] public string? Owner { get; set; }

    [SupplyParameterFromQuery(Name = "kind")] public string? Kind { get; set; }

    [SupplyParameterFromQuery(Name = "q")] public string? Text { get; set; }

    [SupplyParameterFromQuery(Name = "orderBy")] public string? OrderBy { get; set; }

    [SupplyParameterFromQuery(Name = "order")] public string? Order { get; set; }

    [SupplyParameterFromQuery(Name = "offset")] public int? Offset { get; set; }

    [SupplyParameterFromQuery(Name = "limit")] public int? Limit { get; set; }

    /// <summary>The teams of the leaderboard, plus the owner asked for when it is not one of them.</summary>
    private IEnumerable<(string Ref, string Title)> OwnerOptions
    {
        get
        {
            var options = _teams.Select(team => (team.Ref, team.DisplayName)).OrderBy(o => o.DisplayName, StringComparer.OrdinalIgnoreCase).ToList();
            if (!string.IsNullOrWhiteSpace(_query.Owner) && !options.Any(o => string.Equals(o.Ref, _query.Owner, StringComparison.OrdinalIgnoreCase)))
            {
                options.Insert(0, (_query.Owner, OwnerRefs.Short(_query.Owner)));
            }

            return options;
        }
    }

    private string PageRange => _page is null || _page.Items.Count == 0
        ? ""
        : $"{_query.Offset + 1}–{_query.Offset + _page.Items.Count} of {_page.TotalItems}";

    protected override async Task OnParametersSetAsync()
    {
        _query = new ScoredEntityQuery
        {
            Level = Level,
            Owner = Owner,
            Kind = Kind,
            Text = Text,
            OrderBy = ScoredEntityQuery.OrderFields.Contains(OrderBy ?? "") ? OrderBy! : "level",
            Descending = Order switch { "desc" => true, "asc" => false, _ => null },
            Offset = Math.Max(0, Offset ?? 0),
            Limit = Math.Clamp(Limit ?? ScoredEntityQuery.DefaultLimit, 1, 500),
        };

        var key = $"{Namespace}/{Name}".ToLowerInvariant();
        if (key != _loadedScorecard)
        {
            _loadedScorecard = key;
            await LoadAsync();
            return;
        }

        await LoadEntitiesAsync();
    }

    protected override void OnAfterRender(bool firstRender)
    {
        if (firstRender)
        {
            _ = FollowRescoreAsync(_stop.Token);
        }
    }

    private async Task LoadAsync()
    {
        _scorecard = null;
        _page = null;
        _error = null;
        _notFound = false;
        var scorecard = await Scorecards.ScorecardAsync(Namespace, Name, _stop.Token);
        if (!scorecard.Ok)
        {
            _notFound = scorecard.NotFound;
            _error = scorecard.NotFound ? null : scorecard.Error;
            return;
        }

        _scorecard = scorecard.Value;
        var teams = Scorecards.RollupAsync(_scorecard!.Ref, "group", _stop.Token);
        await LoadEntitiesAsync();
        _teams = (await teams).Value?.Items ?? [];
    }

    private async Task LoadEntitiesAsync()
    {
        if (_scorecard is null)
        {
            return;
        }

        _entitiesLoad?.Cancel();
        _entitiesLoad?.Dispose();
        _entitiesLoad = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
        var token = _entitiesLoad.Token;
        _loadingEntities = true;
        var result = await Scorecards.EntitiesAsync(_scorecard.Namespace, _scorecard.Name, _query, token);
        if (token.IsCancellationRequested)
        {
            return;
        }

        _loadingEntities = false;
        _entitiesError = result.Error;
        _page = result.Ok ? result.Value : _page;
    }

    /// <summary>Polls the scorecard while it is rescored; the entities are reloaded when the rescore ends.</summary>
    private async Task FollowRescoreAsync(CancellationToken token)
    {
        using var timer = new PeriodicTimer(RescorePoll);
        try
        {
            while (await timer.WaitForNextTickAsync(token))
            {
                if (_scorecard is not { Rescore.Running: true } before)
                {
                    continue;
                }

                var result = await Scorecards.ScorecardAsync(before.Namespace, before.Name, token);
                if (!result.Ok)
                {
                    continue;
                }

                await InvokeAsync(async () =>
                {
                    _scorecard = result.Value;
                    if (!_scorecard!.Rescore.Running)
                    {
                        await LoadEntitiesAsync();
                    }

                    StateHasChanged();
                });
            }
        }
        catch (OperationCanceledException)
        {
            // The page was left.
        }
    }

    private void RescoreStarted(RescoreStatus rescore)
    {
        if (_scorecard is not null)
        {
            // The service answers with the rescore it started; should it already have finished, the next poll finds it idle.
            _scorecard = _scorecard with { Rescore = rescore.Running ? rescore : rescore with { State = "running" } };
        }
    }

    private void LevelChanged(string? level) => Go(_query with { Level = string.IsNullOrEmpty(level) ? null : level, Offset = 0 });

    private void OwnerChanged(string? owner) => Go(_query with { Owner = string.IsNullOrEmpty(owner) ? null : owner, Offset = 0 });

    private void TextChanged(string? text) => Go(_query with { Text = text, Offset = 0 });

    private void ClearFilters() => Go(new ScoredEntityQuery { OrderBy = _query.OrderBy, Descending = _query.Descending, Limit = _query.Limit });

    private void SortBy(string field) => Go(_query.SortedBy(field));

    private void PageTo(int offset) => Go(_query with { Offset = Math.Max(0, offset) });

    private void Go(ScoredEntityQuery query)
    {
        var parameters = query.ToQueryString();
        Navigation.NavigateTo(ScorecardLinks.Scorecard(Namespace, Name) + (parameters.Length == 0 ? "" : "?" + parameters));
    }

    private static string When(DateTimeOffset? time) =>
        time is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC" : "";

    public void Dispose()
    {
        _stop.Cancel();
        _stop.Dispose();
        _entitiesLoad?.Dispose();
    }
}
