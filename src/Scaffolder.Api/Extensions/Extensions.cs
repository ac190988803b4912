using Portal.Audit;
using Portal.Data;
using Portal.ServiceDefaults;
using Portal.ServiceDefaults.Authentication;
using Scaffolder.Api.Actions;
using Scaffolder.Api.Infrastructure;
using Scaffolder.Api.IntegrationEvents.EventHandling;
using Scaffolder.Api.Permissions;
using Scaffolder.Api.Sources;
using Scaffolder.Api.Tasks;
using Scaffolder.Api.Templates;

namespace Scaffolder.Api.Extensions;

internal static class Extensions
{
    public const string ServiceName = "scaffolder";
    public const string DatabaseName = "scaffolderdb";

    public static void AddApplicationServices(this IHostApplicationBuilder builder)
    {
        builder.AddServiceDatabase<IHostApplicationBuilder, ScaffolderDbContext>(DatabaseName);
        builder.AddPortalAudit(ServiceName);
        builder.AddMessaging(ServiceName, bus =>
        {
            bus.AddConsumer<EntityRegisteredConsumer>();
            bus.AddConsumer<EntityUpdatedConsumer>();
            bus.AddConsumer<EntityRemovedConsumer>();
        });

        builder.Services.Configure<SourcesOptions>(builder.Configuration.GetSection(SourcesOptions.SectionName));
        builder.Services.Configure<PublishOptions>(builder.Configuration.GetSection(PublishOptions.SectionName));
        builder.Services.Configure<TaskOptions>(builder.Configuration.GetSection(TaskOptions.SectionName));

        builder.Services.AddHttpClient<CatalogClient>(http => http.BaseAddress = new Uri(CatalogClient.BaseAddress)).AddServiceToken();
        builder.Services.AddHttpClient(TemplateSources.HttpClientName)
            .ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler { AllowAutoRedirect = false });
        builder.Services.AddSingleton<TemplateSources>();
        builder.Services.AddSingleton<TemplateStore>();
        builder.Services.AddSingleton<TemplateLoader>();

        builder.Services.AddSingleton<IScaffolderAction, FetchPlainAction>();
        builder.Services.AddSingleton<IScaffolderAction, FetchPlainFileAction>();
        builder.Services.AddSingleton<IScaffolderAction, FetchTemplateAction>();
        builder.Services.AddSingleton<IScaffolderAction, FsRenameAction>();
        builder.Services.AddSingleton<IScaffolderAction, FsDeleteAction>();
        builder.Services.AddSingleton<IScaffolderAction, DebugLogAction>();
        builder.Services.AddSingleton<IScaffolderAction, DebugWaitAction>();
        builder.Services.AddSingleton<IScaffolderAction, PublishGitAction>();
        builder.Services.AddSingleton<IScaffolderAction, CatalogRegisterAction>();
        builder.Services.AddSingleton<IScaffolderAction, CatalogWriteAction>();
        builder.Services.AddSingleton<ActionRegistry>();

        builder.Services.AddSingleton<ScaffolderAccess>();
        builder.Services.AddSingleton<TaskNotifications>();
        builder.Services.AddSingleton<TaskStore>();
        builder.Services.AddSingleton<TaskRunner>();
        builder.Services.AddHostedService<TaskNotificationListener>();
        builder.Services.AddHostedService<TaskWorker>();
    }
}
