using System.Net;
using ModelDsl.Runtime;

namespace ModelDsl.Docs;

/// <summary>Serves a generated site's folder on <c>127.0.0.1</c> only (never on other interfaces), until disposed.</summary>
public sealed class DocsServer : IDisposable
{
    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".json"] = "application/json",
        [".png"] = "image/png",
    };

    private readonly HttpListener _listener = new();
    private readonly string _root;
    private readonly Task _serving;

    public DocsServer(string siteFolder, int port)
    {
        _root = Path.TrimEndingDirectorySeparator(Path.GetFullPath(siteFolder)) + Path.DirectorySeparatorChar;
        if (!File.Exists(Path.Combine(_root, "index.html")))
            throw new BadInputException($"no site in '{siteFolder}': run 'docs generate' first");
        Address = $"http://127.0.0.1:{port}/";
        _listener.Prefixes.Add(Address);
        try
        {
            _listener.Start();
        }
        catch (HttpListenerException e)
        {
            throw new BadInputException($"cannot serve on port {port}: {e.Message}");
        }
        _serving = Task.Run(Serve);
    }

    public string Address { get; }

    private async Task Serve()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            using var response = context.Response;
            var relative = Uri.UnescapeDataString(context.Request.Url!.AbsolutePath).TrimStart('/');
            var path = Path.GetFullPath(Path.Combine(_root, relative.Length == 0 ? "index.html" : relative));
            // Only files inside the site: `..` in a request must not read the rest of the disk.
            if (!path.StartsWith(_root, StringComparison.Ordinal) || !File.Exists(path))
            {
                response.StatusCode = 404;
                continue;
            }
            response.ContentType = ContentTypes.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
            var bytes = await File.ReadAllBytesAsync(path);
            await response.OutputStream.WriteAsync(bytes);
        }
    }

    public void Dispose()
    {
        _listener.Close();
        _serving.Wait(TimeSpan.FromSeconds(5));
    }
}
