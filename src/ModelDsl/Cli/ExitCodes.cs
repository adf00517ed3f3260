namespace ModelDsl.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int NodeFailed = 1;
    public const int BadInput = 2;

    /// <summary>Ctrl-C (SIGINT), as shells report a process it stopped: 128 + 2.</summary>
    public const int Cancelled = 130;
}
