namespace Scaffolder.Api.Templating;

internal enum TokenKind
{
    End,
    Number,
    String,
    Name,
    Symbol,

    /// <summary><c>%}</c>, or <c>-%}</c> (then <see cref="Token.Text"/> is "-%}").</summary>
    BlockEnd,
}

internal readonly record struct Token(TokenKind Kind, string Text, int Position)
{
    public bool Is(string symbol) => Kind is TokenKind.Symbol or TokenKind.Name && Text == symbol;
}
