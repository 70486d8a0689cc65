using System.Net;
using System.Net.Sockets;
using CliWrap;

namespace CrossSdk.Tests.Infrastructure;

/// <summary>
/// A binary cache that answers garbage, as a web server or proxy in front of a cache can: Python's
/// http.server on a free 127.0.0.1 port, answering nix-cache-info as a cache would and every
/// other URL (each .narinfo) with a web page. Started by the test, stopped on dispose.
/// </summary>
public sealed class GarbageCacheServer : IAsyncDisposable
{
    private const string Script = """
        import http.server, sys
        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                body = b"StoreDir: /nix/store\n" if self.path == "/nix-cache-info" else b"<html><body>Sign in to continue</body></html>\n"
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            do_HEAD = do_GET
            def log_message(self, *args):
                pass
        http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), Handler).serve_forever()
        """;

    private readonly TempDirectory folder;
    private readonly CancellationTokenSource stop;
    private readonly CommandTask<CommandResult> server;

    private GarbageCacheServer(TempDirectory folder, CancellationTokenSource stop, CommandTask<CommandResult> server, int port)
    {
        this.folder = folder;
        this.stop = stop;
        this.server = server;
        Url = $"http://127.0.0.1:{port}";
    }

    public string Url { get; }

    public static async Task<GarbageCacheServer> StartAsync()
    {
        var folder = new TempDirectory();
        var script = folder.Write("server.py", Script);
        int port;
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }

        var stop = new CancellationTokenSource();
        var server = Cli.Wrap("python3").WithArguments(["-u", script, port.ToString(System.Globalization.CultureInfo.InvariantCulture)])
            .WithValidation(CommandResultValidation.None)
            .WithStandardErrorPipe(PipeTarget.ToFile(Path.Combine(folder.Path, "server.log")))
            .ExecuteAsync(stop.Token);
        // Readiness, not a timed assertion: it answers once it has bound the port.
        for (var i = 0; i < 300; i++)
        {
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, port);
                return new GarbageCacheServer(folder, stop, server, port);
            }
            catch (SocketException)
            {
                Assert.IsFalse(server.Task.IsCompleted, "python3 http.server exited at once");
                await Task.Delay(100);
            }
        }

        await stop.CancelAsync();
        Assert.Fail("the cache server did not listen within 30 s");
        return null!;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        try
        {
            await server;
        }
        catch (OperationCanceledException)
        {
        }

        stop.Dispose();
        folder.Dispose();
    }
}
