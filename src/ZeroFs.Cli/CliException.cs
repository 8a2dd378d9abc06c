namespace ZeroFs.Cli;

/// <summary>A command failed with a message for the user and a chosen exit code.</summary>
internal sealed class CliException : Exception
{
    public CliException(int exitCode, string message)
        : base(message)
    {
        ExitCode = exitCode;
    }

    public CliException()
        : this(ExitCodes.Failure, "zerofs failed")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Failure, message)
    {
    }

    public CliException(string message, Exception innerException)
        : base(message, innerException)
    {
        ExitCode = ExitCodes.Failure;
    }

    public int ExitCode { get; }
}
