using Microsoft.AspNetCore.Server.Kestrel.Transport.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Portal.ServiceDefaults;

/// <summary>
/// A service started with <c>DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS=1</c> (the runtime runs socket continuations on
/// the thread that saw the socket ready) also lets Kestrel run each request on that thread, as Kestrel's documentation
/// recommends pairing them. A read then crosses no thread hand-off at all, which matters on machines where waking a
/// sleeping thread is slow (the front door's hop, docs/benchmarks.md). The price is that a request that blocks holds up
/// the other connections of its thread, so only services whose request work is short and asynchronous ask for it.
/// </summary>
public static class InlineRequestScheduling
{
    public const string Variable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    public static TBuilder AddInlineRequestScheduling<TBuilder>(this TBuilder builder) where TBuilder : IHostApplicationBuilder
    {
        if (builder.Configuration[Variable] == "1")
        {
            builder.Services.Configure<SocketTransportOptions>(options => options.UnsafePreferInlineScheduling = true);
        }

        return builder;
    }
}
