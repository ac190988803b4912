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
var messaging = servers.Messaging;

// The OpenID Connect provider: catalog users sign in here; every service verifies its tokens. It learns users from the
// catalog's events, so it is up (its queue bound) before the catalog registers the demo catalog.
var identity = PortalIdentity.Create(builder, settings);
identity.Configure(
    builder.AddApiService<Projects.Identity_Api>("identity", settings, port: 7014).WithDatabase(identityDb).WithMessaging(messaging),
    services: ["catalog", "search", "docs", "scaffolder"]);

var catalog = builder.AddApiService<Projects.Catalog_Api>("catalog", settings, port: 7010)
    .WithDatabase(catalogDb).WithMessaging(messaging)
    .WithAuthentication(identity).WaitFor(identity.Provider!)
    .WithEnvironment("Catalog__Locations__AllowedRoots__98", settings.DataPath("repos"))
    .WithDemoCatalog(settings)
    .WithRefreshAllLocationsCommand();

var docs = builder.AddApiService<Projects.Docs_Api>("docs", settings, port: 7012)
    .WithDatabase(docsDb).WithMessaging(messaging).WithAuthentication(identity)
    .WithReference(catalog)
    .WithEnvironment("Docs__Sources__AllowedRoots__98", settings.DataPath("repos"))
    .WithEnvironment("Docs__Sources__AllowedRoots__99", settings.DemoCatalogDirectory)
    .WithEnvironment("Docs__Storage__Root", settings.DataPath("techdocs"));

var search = builder.AddApiService<Projects.Search_Api>("search", settings, port: 7013)
    .WithDatabase(searchDb).WithMessaging(messaging).WithAuthentication(identity)
    .WithReference(catalog).WithReference(docs)
    .WithRebuildIndexCommand();

var scaffolder = builder.AddApiService<Projects.Scaffolder_Api>("scaffolder", settings, port: 7011)
    .WithDatabase(scaffolderDb).WithMessaging(messaging).WithAuthentication(identity)
    .WithReference(catalog)
    .WithEnvironment("Scaffolder__Sources__AllowedRoots__98", settings.DataPath("repos"))
    .WithEnvironment("Scaffolder__Sources__AllowedRoots__99", settings.DemoCatalogDirectory)
    .WithEnvironment("Scaffolder__Publish__Root", settings.DataPath("repos"));

// The front door: the web UI (people sign in at the provider, as at any external one) and /api/* proxied to the services.
builder.AddFrontDoor<Projects.Portal_Web>("web", settings, identity)
    .WithReference(identity.Provider!).WaitFor(identity.Provider!)
    .WithReference(catalog).WaitFor(catalog)
    .WithReference(search).WaitFor(search)
    .WithReference(docs).WaitFor(docs)
    .WithReference(scaffolder).WaitFor(scaffolder);

builder.Services.AddHostedService<CrashedServiceRestarts>();
builder.Build().Run();
