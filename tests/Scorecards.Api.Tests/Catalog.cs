namespace Scorecards.Api.Tests;

/// <summary>Catalog files for the tests: each test names its own entities and scopes its scorecard with a tag of its own.</summary>
public static class Catalog
{
    public static string Scorecard(string name, string tag, string levels, string? initiatives = null) => $"""
        apiVersion: portal.io/v1alpha1
        kind: Scorecard
        metadata:
          name: {name}
          title: {name} scorecard
        spec:
          appliesTo: {"{"} kind: Component, tags: [{tag}] {"}"}
          levels:
        {Indent(levels, 4)}
        {(initiatives is null ? "" : "  initiatives:\n" + Indent(initiatives, 4))}
        """;

    public static string Component(string name, string tag, string owner, string? description = null, string lifecycle = "production", string extraSpec = "") => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Component
        metadata:
          name: {name}
          tags: [{tag}]
        {(description is null ? "" : $"  description: {description}")}
        spec:
          type: service
          lifecycle: {lifecycle}
          owner: {owner}
        {Indent(extraSpec, 2)}
        """;

    public static string Group(string name, string? parent = null, params string[] members) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Group
        metadata:
          name: {name}
        spec:
          type: team
          children: []
        {(parent is null ? "" : $"  parent: {parent}")}
          members: [{string.Join(", ", members)}]
        """;

    public static string User(string name) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: User
        metadata:
          name: {name}
        spec:
          memberOf: []
        """;

    public static string Resource(string name, string owner, string lifecycle) => $"""
        apiVersion: backstage.io/v1alpha1
        kind: Resource
        metadata:
          name: {name}
        spec:
          type: database
          owner: {owner}
          lifecycle: {lifecycle}
        """;

    public static string Documents(params string[] documents) => string.Join("\n---\n", documents);

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Where(line => line.Length > 0).Select(line => new string(' ', spaces) + line));
}
