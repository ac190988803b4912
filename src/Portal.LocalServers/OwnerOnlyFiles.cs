namespace Portal.LocalServers;

/// <summary>Files that hold secrets: readable and writable by their owner only, from the moment they exist.</summary>
public static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const string LinuxOnly = "the local servers run on Linux only";

    /// <summary>
    /// Writes <paramref name="text"/> to <paramref name="path"/> through a new 0600 file renamed over it, so the
    /// content is never readable by others, not even for a moment, and a reader never sees half of it.
    /// </summary>
    public static void WriteAllText(string path, string text)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(LinuxOnly);
        }

        var temporary = path + ".new";
        File.Delete(temporary);
        var options = new FileStreamOptions { Mode = System.IO.FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = FileMode };
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(text);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>Creates the folder owner-only, or makes an existing one so.</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(LinuxOnly);
        }

        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Makes an existing file owner-only (0600).</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException(LinuxOnly);
        }

        File.SetUnixFileMode(path, FileMode);
    }
}
