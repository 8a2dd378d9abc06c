using System.Runtime.Versioning;

// The rig boots Debian's Linux kernel under qemu and runs the host's own tools: Linux hosts only.
[assembly: SupportedOSPlatform("linux")]
