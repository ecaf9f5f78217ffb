package io.replayingest.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * Serves the browser test's pages and the rrweb scripts from {@code node_modules} on 127.0.0.1, on an origin other
 * than the service's and the store's.
 */
public final class PageServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, Path> files;

    private PageServer(HttpServer server, Map<String, Path> files) {
        this.server = server;
        this.files = files;
    }

    /** Starts serving {@code browserDir}'s pages and libraries on {@code port}. */
    public static PageServer start(Path browserDir, int port) throws IOException {
        Path modules = browserDir.resolve("node_modules");
        Map<String, Path> files = Map.of(
                "/record.html", browserDir.resolve("pages/record.html"),
                "/replay.html", browserDir.resolve("pages/replay.html"),
                "/lib/rrweb.js", modules.resolve("rrweb/dist/rrweb.umd.min.cjs"),
                "/lib/rrweb-player.js", modules.resolve("rrweb-player/dist/rrweb-player.umd.min.cjs"),
                "/lib/rrweb-player.css", modules.resolve("rrweb-player/dist/style.css"));
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        PageServer pages = new PageServer(server, files);
        server.createContext("/", pages::serve);
        server.start();
        return pages;
    }

    private void serve(HttpExchange exchange) throws IOException {
        Path file = files.get(exchange.getRequestURI().getPath());
        if ("/favicon.ico".equals(exchange.getRequestURI().getPath())) {
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
            return;
        }
        if (file == null || !"GET".equals(exchange.getRequestMethod())) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        byte[] body = Files.readAllBytes(file);
        exchange.getResponseHeaders().set("Content-Type", contentType(exchange.getRequestURI().getPath()));
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static String contentType(String path) {
        if (path.endsWith(".html")) {
            return "text/html; charset=utf-8";
        }
        return path.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
