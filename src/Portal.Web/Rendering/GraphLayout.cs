using Portal.Web.Model;

namespace Portal.Web.Rendering;

/// <summary>
/// Lays out an entity's neighbourhood in three columns: what it belongs to or uses on the left, the entity in the
/// middle, what belongs to or uses it on the right. Several relations to one neighbour become one edge with all labels.
/// </summary>
public sealed class GraphLayout
{
    public const int NodeWidth = 230;
    public const int NodeHeight = 46;
    public const int RowGap = 16;
    public const int Width = 1000;
    private const int Margin = 16;

    private GraphLayout(IReadOnlyList<GraphNode> nodes, IReadOnlyList<GraphEdge> edges, int height)
    {
        Nodes = nodes;
        Edges = edges;
        Height = height;
    }

    public IReadOnlyList<GraphNode> Nodes { get; }

    public IReadOnlyList<GraphEdge> Edges { get; }

    public int Height { get; }

    public static GraphLayout For(EntityView entity, int maxPerSide = 14)
    {
        var neighbours = entity.Relations
            .GroupBy(r => r.Target.Key)
            .Select(g => (Target: g.First().Target, Types: g.Select(r => r.Type).Distinct().ToList()))
            .ToList();
        var left = neighbours.Where(n => n.Types.Any(RelationLabels.PointsUp)).Take(maxPerSide).ToList();
        var right = neighbours.Except(left).Take(maxPerSide).ToList();
        var rows = Math.Max(1, Math.Max(left.Count, right.Count));
        var height = Margin * 2 + rows * NodeHeight + (rows - 1) * RowGap;

        var center = new GraphNode(entity.Ref, entity.DisplayName, (Width - NodeWidth) / 2, (height - NodeHeight) / 2, true);
        var nodes = new List<GraphNode> { center };
        var edges = new List<GraphEdge>();
        Place(left, Margin, toCenter: true);
        Place(right, Width - Margin - NodeWidth, toCenter: false);
        return new GraphLayout(nodes, edges, height);

        void Place(List<(EntityRef Target, List<string> Types)> column, int x, bool toCenter)
        {
            var columnHeight = column.Count * NodeHeight + Math.Max(0, column.Count - 1) * RowGap;
            var y = (height - columnHeight) / 2;
            foreach (var (target, types) in column)
            {
                var node = new GraphNode(target, target.Display, x, y, false);
                nodes.Add(node);
                var label = string.Join(", ", types.Select(RelationLabels.Label));
                edges.Add(toCenter ? new GraphEdge(center, node, label, TowardsLeft: true) : new GraphEdge(center, node, label, TowardsLeft: false));
                y += NodeHeight + RowGap;
            }
        }
    }
}

public sealed record GraphNode(EntityRef Ref, string Label, int X, int Y, bool IsCenter)
{
    public int CenterY => Y + GraphLayout.NodeHeight / 2;
}

/// <summary>An edge from the entity to a neighbour; the path runs between facing node sides.</summary>
public sealed record GraphEdge(GraphNode From, GraphNode To, string Label, bool TowardsLeft)
{
    public (int X1, int Y1, int X2, int Y2) Ends => TowardsLeft
        ? (From.X, From.CenterY, To.X + GraphLayout.NodeWidth, To.CenterY)
        : (From.X + GraphLayout.NodeWidth, From.CenterY, To.X, To.CenterY);

    public string Path
    {
        get
        {
            var (x1, y1, x2, y2) = Ends;
            var middle = (x1 + x2) / 2;
            return $"M{x1},{y1} C{middle},{y1} {middle},{y2} {x2},{y2}";
        }
    }

    public (int X, int Y) LabelAt
    {
        get
        {
            var (x1, y1, x2, y2) = Ends;
            // Near the neighbour's end, where rows are apart, so labels of a column never overlap.
            return (x2 + (x1 - x2) * 3 / 10, y2 - 7);
        }
    }
}
