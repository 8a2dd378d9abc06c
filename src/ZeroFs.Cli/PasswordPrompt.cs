using System.Text;

namespace ZeroFs.Cli;

/// <summary>Reads a password from the terminal without echoing it.</summary>
internal static class PasswordPrompt
{
    /// <summary>Prompts on STDERR and reads one line from the terminal; <see langword="null"/> at end of input.</summary>
    public static string? Read(CliConsole console, string prompt)
    {
        console.Error.Write(prompt);
        console.Error.Flush();
        var password = new StringBuilder();
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    console.Error.WriteLine();
                    return password.ToString();
                case ConsoleKey.Backspace:
                    if (password.Length > 0)
                    {
                        password.Length--;
                    }

                    break;
                default:
                    if (key.KeyChar == '\u0004' && password.Length == 0)
                    {
                        console.Error.WriteLine();
                        return null;
                    }

                    if (!char.IsControl(key.KeyChar))
                    {
                        password.Append(key.KeyChar);
                    }

                    break;
            }
        }
    }
}
