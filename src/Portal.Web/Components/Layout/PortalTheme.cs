using MudBlazor;

namespace Portal.Web.Components.Layout;

/// <summary>Material, close to Backstage's look: a dark sidebar, a blue app bar, system fonts (nothing fetched from outside).</summary>
internal static class PortalTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F5493",
            Secondary = "#5B6F8A",
            AppbarBackground = "#1F5493",
            Background = "#F5F6F8",
            DrawerBackground = "#171C24",
            DrawerText = "#E6E8EB",
            DrawerIcon = "#9AA4B2",
            TextPrimary = "#1D2733",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"],
            },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
