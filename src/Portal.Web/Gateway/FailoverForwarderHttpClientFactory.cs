using Yarp.ReverseProxy.Forwarder;

namespace Portal.Web.Gateway;

/// <summary>
/// The gateway's client to the services, with <see cref="ReplicaFailoverHandler"/> in front of its sockets handler: a
/// read whose replica went away before answering is sent again (to another replica, behind the orchestrator's or
/// Kubernetes' balancing) instead of reaching the person as a 502.
/// </summary>
internal sealed class FailoverForwarderHttpClientFactory(ILogger<ReplicaFailoverHandler> logger) : ForwarderHttpClientFactory
{
    protected override HttpMessageHandler WrapHandler(ForwarderHttpClientContext context, HttpMessageHandler handler) =>
        new ReplicaFailoverHandler(logger) { InnerHandler = base.WrapHandler(context, handler) };
}
