namespace ZeroFs.EndToEnd.Tests.Infrastructure;

/// <summary>Where the rig, the guest scripts and the built <c>zerofs</c> are, found from the test assembly.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> RootValue = new(FindRoot);

    /// <summary>The directory holding ZeroFs.slnx.</summary>
    public static string Root => RootValue.Value;

    /// <summary>
    /// <c>../shared/rig/vm-run</c> beside the repository (CI has <c>../shared</c> beside the clone too), or beside
    /// one of its ancestors (a git worktree such as <c>/work/wt/NAME</c> of <c>/work/main</c>).
    /// </summary>
    public static string VmRun
    {
        get
        {
            for (var dir = new DirectoryInfo(Root).Parent; dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "shared", "rig", "vm-run");
                if (File.Exists(candidate))
                {
                    return candidate;
                }
            }

            throw new InvalidOperationException(
                $"the kernel-client rig is missing: no shared/rig/vm-run beside {Root} or any directory above it");
        }
    }

    /// <summary>A guest script or the POSIX suite, copied next to the tests at build time.</summary>
    public static string Guest(string name)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Guest", name);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: rebuild ZeroFs.EndToEnd.Tests", path);
        }

        return path;
    }

    /// <summary>zerofs.dll, which the Cli project reference copies next to the tests with its runtimeconfig.</summary>
    public static string ZerofsDll
    {
        get
        {
            var path = Path.Combine(AppContext.BaseDirectory, "zerofs.dll");
            if (!File.Exists(path) || !File.Exists(Path.Combine(AppContext.BaseDirectory, "zerofs.runtimeconfig.json")))
            {
                throw new FileNotFoundException($"zerofs.dll (with its runtimeconfig) not found in {AppContext.BaseDirectory}; build ZeroFs.Cli", path);
            }

            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ZeroFs.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"no ZeroFs.slnx above {AppContext.BaseDirectory}");
    }
}
