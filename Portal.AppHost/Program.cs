using Portal.AppHost;

var builder = DistributedApplication.CreateBuilder(PortalDefaults.Options(args));
var settings = builder.AddPortalSettings();

// Backing servers: PostgreSQL with one database per service, and RabbitMQ (local binaries here, connection strings in a manifest).
var servers = builder.AddBackingServers(settings);
var catalogDb = servers.AddDatabase("catalogdb");
var docsDb = servers.AddDatabase("docsdb");
var searchDb = servers.AddDatabase("searchdb");
var scaffolderDb = servers.AddDatabase("scaffolderdb");
var identityDb = servers.AddDatabase("identitydb");
var scorecardsDb = servers.AddDatabase("scorecardsdb");
var messaging = servers.Messaging;

// The embedded OpenID Connect provider: it learns the catalog's users from events and issues every token.
var identity = IdentityProvider.Add(builder, settings, servers, identityDb, messaging);

// Scorecards learns the catalog from its events: its queues are bound before the demo catalog is registered.
var scorecards = builder.AddApiService<Projects.Scorecards_Api>("scorecards", settings, port: 7015)
    .WithDatabase(scorecardsDb).WithMessaging(messaging)
    .WithAuthentication(identity);

var catalog = builder.AddApiService<Projects.Catalog_Api>("catalog", settings, port: 7010)
    .WithDatabase(catalogDb).WithMessaging(messaging)
    .WithEnvironment("Catalog__Locations__AllowedRoots__98", settings.DataPath("repos"))
    .WithDemoCatalog(settings, identity)
    .WithRefreshAllLocationsCommand(identity)
    .WithAuthentication(identity)
    // The provider learns users from the catalog's events: its queue is bound before the demo catalog is registered.
    .WaitFor(identity.Service)
    .WaitFor(scorecards);

var docs = builder.AddApiService<Projects.Docs_Api>("docs", settings, port: 7012)
    .WithDatabase(docsDb).WithMessaging(messaging)
    .WithReference(catalog)
    .WithEnvironment("Docs__Sources__AllowedRoots__98", settings.DataPath("repos"))
    .WithEnvironment("Docs__Sources__AllowedRoots__99", settings.DemoCatalogDirectory)
    .WithAuthentication(identity);

var search = builder.AddApiService<Projects.Search_Api>("search", settings, port: 7013)
    .WithDatabase(searchDb).WithMessaging(messaging)
    .WithReference(catalog).WithReference(docs)
    .WithRebuildIndexCommand(identity)
    .WithAuthentication(identity);

var scaffolder = builder.AddApiService<Projects.Scaffolder_Api>("scaffolder", settings, port: 7011)
    .WithDatabase(scaffolderDb).WithMessaging(messaging)
    .WithReference(catalog)
    .WithEnvironment("Scaffolder__Sources__AllowedRoots__98", settings.DataPath("repos"))
    .WithEnvironment("Scaffolder__Sources__AllowedRoots__99", settings.DemoCatalogDirectory)
    .WithEnvironment("Scaffolder__Publish__Root", settings.DataPath("repos"))
    .WithAuthentication(identity);

// The front door: the web UI, /api/* proxied to the services, and the provider's endpoints proxied to identity.
builder.AddFrontDoor<Projects.Portal_Web>("web", settings, identity.Instructions())
    .WithEnvironment("DataProtection__KeysDirectory", settings.DataPath("web-keys"))
    .WithReference(catalog).WaitFor(catalog)
    .WithReference(search).WaitFor(search)
    .WithReference(docs).WaitFor(docs)
    .WithReference(scaffolder).WaitFor(scaffolder)
    .WithReference(scorecards).WaitFor(scorecards)
    .WithBrowserSignIn(identity)
    .WithInlineRequestScheduling();

builder.Services.AddHostedService<CrashedServiceRestarts>();
builder.Build().Run();
