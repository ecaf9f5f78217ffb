package io.replayingest.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * An HTTP/1.1 client on a raw socket, for what ordinary clients cannot do: send part of a declared body, stall,
 * or close the connection in the middle of a request.
 */
public final class RawHttpClient implements AutoCloseable {

    private final Socket socket;
    private final OutputStream out;

    private RawHttpClient(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
    }

    /** Opens a connection and sends the request line and headers of a PUT. */
    public static RawHttpClient put(URI base, String path, Map<String, String> headers) throws IOException {
        RawHttpClient client = new RawHttpClient(new Socket(base.getHost(), base.getPort()));
        StringBuilder head = new StringBuilder("PUT " + path + " HTTP/1.1\r\nHost: " + base.getHost() + "\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        client.out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
        client.out.flush();
        return client;
    }

    /** Sends {@code size} body bytes. */
    public RawHttpClient send(long size, long seed) throws IOException {
        try (InputStream body = TestBodies.stream(size, seed)) {
            body.transferTo(out);
        }
        out.flush();
        return this;
    }

    /** Reads the status line and headers and up to 4 KiB of body, waiting at most {@code timeoutMillis}. */
    public String readResponse(int timeoutMillis) throws IOException {
        socket.setSoTimeout(timeoutMillis);
        InputStream in = socket.getInputStream();
        ByteArrayOutputStream response = new ByteArrayOutputStream();
        byte[] buffer = new byte[4096];
        int read;
        while (response.size() < 4096 && (read = in.read(buffer)) > 0) {
            response.write(buffer, 0, read);
            if (response.toString(StandardCharsets.UTF_8).contains("}")) {
                break;
            }
        }
        return response.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
