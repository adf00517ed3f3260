namespace ModelDsl.Cli;

public static class ExitCodes
{
    public const int Success = 0;
    public const int NodeFailed = 1;
    public const int BadInput = 2;
}
