using System.Runtime.InteropServices;

namespace ModelDsl.Cli;

/// <summary>Ctrl-C (SIGINT) as a cancellation, for the verbs that write: they stop cleanly and exit with code 130.</summary>
public static class CtrlC
{
    /// <summary>
    /// Until disposed, the first Ctrl-C cancels <paramref name="cancel"/> instead of stopping the process; a second one is
    /// left to the default: the process stops at once.
    /// </summary>
    public static IDisposable Cancels(CancellationTokenSource cancel) =>
        PosixSignalRegistration.Create(PosixSignal.SIGINT, signal =>
        {
            if (cancel.IsCancellationRequested)
                return;
            signal.Cancel = true;
            cancel.Cancel();
        });
}
