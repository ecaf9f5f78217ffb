package io.replayingest.bench;

import java.net.URI;
import java.nio.file.Path;

import io.replayingest.testing.S3MockServer;
import io.replayingest.testing.S3ProxyServer;

/** An S3-compatible server that the benchmark started, with what the service and the direct client need to use it. */
record BenchStore(String name, URI endpoint, String accessKey, String secretKey, boolean tagging,
        AutoCloseable server) implements AutoCloseable {

    static final String BUCKET = "recordings";

    /** S3Proxy with the in-memory backend; it has no tagging. */
    static BenchStore s3Proxy(Path workDir, String maxHeap) throws Exception {
        S3ProxyServer server = S3ProxyServer.start(workDir.resolve("s3proxy"), maxHeap);
        BenchStore store = new BenchStore("S3Proxy (transient-nio2, in memory)", server.endpoint(),
                S3ProxyServer.ACCESS_KEY, S3ProxyServer.SECRET_KEY, false, server);
        return store;
    }

    /** S3Mock, which keeps its objects on disk, has tagging and checks no signatures. */
    static BenchStore s3Mock(Path workDir) throws Exception {
        S3MockServer server = S3MockServer.start(workDir.resolve("s3mock-data"));
        return new BenchStore("S3Mock (on disk)", server.endpoint(), "bench-access-key", "bench-secret-key", true,
                server);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
