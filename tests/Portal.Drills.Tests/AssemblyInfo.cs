using Xunit;

// Each collection starts a whole portal (AppHost, PostgreSQL, RabbitMQ, six services): on two cores, one at a time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
