namespace Catalog.Subscriber.Example;

// Not top-level statements: those make a public Program class, which would clash with the catalog's in tests hosting both.
internal static class SubscriberProgram
{
    public static Task Main(string[] args) => SubscriberApp.Build(args).RunAsync();
}
