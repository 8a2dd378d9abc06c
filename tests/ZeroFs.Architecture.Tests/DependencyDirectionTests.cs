using System.Reflection;

namespace ZeroFs.Architecture.Tests;

/// <summary>
/// Dependencies point one way (ARCHITECTURE.md, STYLE.md §2):
/// Cli → Hosting → {Web, Nfs, NineP.Server, Nbd} → FileSystem → Engine → Crypto → ObjectStore.
/// Each rule lists what an assembly may reference among our own assemblies and which third-party
/// families it must never see. An assembly that does not exist yet is simply not checked.
/// </summary>
public sealed class DependencyDirectionTests
{
    private static readonly Dictionary<string, string[]> AllowedOwnReferences = new()
    {
        ["ZeroFs.ObjectStore"] = [],
        ["ZeroFs.ObjectStore.S3"] = ["ZeroFs.ObjectStore"],
        ["ZeroFs.Crypto"] = ["ZeroFs.ObjectStore"],
        ["ZeroFs.Engine"] = ["ZeroFs.ObjectStore", "ZeroFs.Crypto"],
        ["ZeroFs.FileSystem"] = ["ZeroFs.ObjectStore", "ZeroFs.Crypto", "ZeroFs.Engine"],
        ["ZeroFs.NineP"] = [],
        ["ZeroFs.NineP.Server"] = ["ZeroFs.NineP", "ZeroFs.FileSystem", "ZeroFs.Engine", "ZeroFs.Crypto", "ZeroFs.ObjectStore"],
        ["ZeroFs.Nfs"] = ["ZeroFs.FileSystem", "ZeroFs.Engine", "ZeroFs.Crypto", "ZeroFs.ObjectStore"],
        ["ZeroFs.Nbd"] = ["ZeroFs.FileSystem", "ZeroFs.Engine", "ZeroFs.Crypto", "ZeroFs.ObjectStore"],
        ["ZeroFs.Fuse"] = ["ZeroFs.NineP"],
        ["ZeroFs.Web"] = ["ZeroFs.NineP", "ZeroFs.NineP.Server", "ZeroFs.FileSystem", "ZeroFs.Engine", "ZeroFs.Crypto", "ZeroFs.ObjectStore"],
        ["ZeroFs.Hosting"] =
        [
            "ZeroFs.ObjectStore", "ZeroFs.ObjectStore.S3", "ZeroFs.Crypto", "ZeroFs.Engine", "ZeroFs.FileSystem",
            "ZeroFs.NineP", "ZeroFs.NineP.Server", "ZeroFs.Nfs", "ZeroFs.Nbd", "ZeroFs.Web",
        ],
        ["zerofs"] = ["ZeroFs.Hosting", "ZeroFs.Fuse", "ZeroFs.NineP", "ZeroFs.ObjectStore", "ZeroFs.Crypto", "ZeroFs.Engine"],
    };

    /// <summary>Third-party families kept out of the core (prefix match on assembly names).</summary>
    private static readonly Dictionary<string, string[]> ForbiddenThirdParty = new()
    {
        ["ZeroFs.ObjectStore"] = ["AWSSDK", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.Crypto"] = ["AWSSDK", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.Engine"] = ["AWSSDK", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.FileSystem"] = ["AWSSDK", "Microsoft.AspNetCore", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.NineP"] = ["AWSSDK", "Microsoft.AspNetCore"],
        ["ZeroFs.NineP.Server"] = ["AWSSDK", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.Nfs"] = ["AWSSDK", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.Options", "Tomlyn"],
        ["ZeroFs.Fuse"] = ["AWSSDK", "Microsoft.AspNetCore"],
    };

    public static TheoryData<string> OwnAssemblies()
    {
        var data = new TheoryData<string>();
        foreach (var name in LoadOwnAssemblies().Keys.Order(StringComparer.Ordinal))
        {
            data.Add(name);
        }

        return data;
    }

    [Fact]
    public void EveryShippedAssembly_HasARule()
    {
        var unknown = LoadOwnAssemblies().Keys.Where(n => !AllowedOwnReferences.ContainsKey(n)).ToList();
        Assert.True(unknown.Count == 0, $"add a dependency rule for: {string.Join(", ", unknown)}");
    }

    [Theory]
    [MemberData(nameof(OwnAssemblies))]
    public void Assembly_ReferencesOnlyAssembliesBelowIt(string assemblyName)
    {
        var assembly = LoadOwnAssemblies()[assemblyName];
        var allowed = AllowedOwnReferences[assemblyName];
        var own = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(IsOwn)
            .ToList();
        var wrong = own.Where(r => !allowed.Contains(r)).ToList();
        Assert.True(wrong.Count == 0, $"{assemblyName} must not reference {string.Join(", ", wrong)} (ARCHITECTURE.md)");
    }

    [Theory]
    [MemberData(nameof(OwnAssemblies))]
    public void Assembly_KeepsForbiddenLibrariesOut(string assemblyName)
    {
        if (!ForbiddenThirdParty.TryGetValue(assemblyName, out var forbidden))
        {
            return;
        }

        var assembly = LoadOwnAssemblies()[assemblyName];
        var wrong = assembly.GetReferencedAssemblies()
            .Select(r => r.Name!)
            .Where(r => forbidden.Any(f => r.StartsWith(f, StringComparison.Ordinal)))
            .ToList();
        Assert.True(wrong.Count == 0, $"{assemblyName} must not reference {string.Join(", ", wrong)}");
    }

    [Fact]
    public void ProtocolNamespaces_DoNotReferenceTheFileSystem()
    {
        // Pure codecs (STYLE.md §2): nothing in a *.Protocol namespace, nor in the NFS codec folders
        // (Xdr, Rpc, Mount, Nfs3), may touch ZeroFs.FileSystem types.
        foreach (var assembly in LoadOwnAssemblies().Values)
        {
            foreach (var type in assembly.GetTypes().Where(t => IsCodecNamespace(t.Namespace)))
            {
                var touched = TypesUsedBy(type).Where(t => t.Assembly.GetName().Name == "ZeroFs.FileSystem").ToList();
                Assert.True(touched.Count == 0, $"{type.FullName} is protocol code but uses {string.Join(", ", touched)}");
            }
        }
    }

    [Fact]
    public void Rules_CoverTheCoreChain()
    {
        // Guards the test itself: the assemblies that exist from the foundation on must be found.
        var names = LoadOwnAssemblies().Keys;
        Assert.Contains("ZeroFs.ObjectStore", names);
        Assert.Contains("ZeroFs.Crypto", names);
        Assert.Contains("ZeroFs.Engine", names);
        Assert.Contains("ZeroFs.FileSystem", names);
        Assert.Contains("ZeroFs.NineP", names);
        Assert.Contains("ZeroFs.NineP.Server", names);
        Assert.Contains("ZeroFs.Nfs", names);
        Assert.Contains("ZeroFs.Hosting", names);
        Assert.Contains("zerofs", names);
    }

    private static readonly string[] NfsCodecNamespaces = ["ZeroFs.Nfs.Xdr", "ZeroFs.Nfs.Rpc", "ZeroFs.Nfs.Mount", "ZeroFs.Nfs.Nfs3"];

    private static bool IsCodecNamespace(string? ns) =>
        ns is not null && (ns.Contains(".Protocol", StringComparison.Ordinal) || NfsCodecNamespaces.Contains(ns, StringComparer.Ordinal));

    [Fact]
    public void NfsCodecNamespaces_AreFound()
    {
        // Guards the purity check above: the NFS codec namespaces exist, so the check is not vacuous.
        var namespaces = LoadOwnAssemblies()["ZeroFs.Nfs"].GetTypes().Select(t => t.Namespace).ToHashSet(StringComparer.Ordinal);
        Assert.All(NfsCodecNamespaces, ns => Assert.Contains(ns, namespaces));
    }

    private static bool IsOwn(string name) => name.StartsWith("ZeroFs.", StringComparison.Ordinal) || name == "zerofs";

    private static Dictionary<string, Assembly> LoadOwnAssemblies()
    {
        var directory = AppContext.BaseDirectory;
        var result = new Dictionary<string, Assembly>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(directory, "*.dll"))
        {
            var name = Path.GetFileNameWithoutExtension(path);
            if (!IsOwn(name) || name.EndsWith(".Tests", StringComparison.Ordinal) || name == "ZeroFs.Testing")
            {
                continue;
            }

            result[name] = Assembly.Load(new AssemblyName(name));
        }

        return result;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (var field in type.GetFields(All))
        {
            yield return field.FieldType;
        }

        foreach (var method in type.GetMethods(All))
        {
            yield return method.ReturnType;
            foreach (var parameter in method.GetParameters())
            {
                yield return parameter.ParameterType;
            }
        }

        if (type.BaseType is not null)
        {
            yield return type.BaseType;
        }
    }
}
