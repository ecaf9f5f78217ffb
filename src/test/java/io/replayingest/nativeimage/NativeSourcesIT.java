package io.replayingest.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks the native-image configuration that Quarkus generates into {@code target/native-sources/} (profile
 * {@code native-sources}): every class that the service needs by reflection in a native executable must be listed,
 * or the executable fails at runtime where the JVM works.
 */
class NativeSourcesIT {

    static Set<String> reflectionClasses = new HashSet<>();
    static String resources;
    static String nativeImageArgs;

    @BeforeAll
    static void readConfiguration() throws IOException {
        Path dir = Path.of(System.getProperty("native.sources.dir", "target/native-sources"));
        Path runner;
        try (Stream<Path> files = Files.list(dir)) {
            runner = files.filter(file -> file.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No runner jar in " + dir));
        }
        ObjectMapper mapper = new ObjectMapper();
        try (JarFile jar = new JarFile(runner.toFile())) {
            try (InputStream reflection = jar.getInputStream(jar.getEntry("META-INF/native-image/reflect-config.json"))) {
                for (JsonNode entry : mapper.readTree(reflection)) {
                    reflectionClasses.add(entry.get("name").asText());
                }
            }
            try (InputStream resourceConfig = jar.getInputStream(
                    jar.getEntry("META-INF/native-image/resource-config.json"))) {
                resources = new String(resourceConfig.readAllBytes());
            }
        }
        nativeImageArgs = Files.readString(dir.resolve("native-image.args"));
    }

    @Test
    void reflection_listsSdkHttpClient() {
        assertTrue(reflectionClasses.contains("software.amazon.awssdk.http.nio.netty.NettySdkAsyncHttpService"));
    }

    @Test
    void reflection_listsS3Interceptors() {
        List<String> interceptors = List.of(
                "software.amazon.awssdk.services.s3.auth.scheme.internal.S3AuthSchemeInterceptor",
                "software.amazon.awssdk.services.s3.endpoints.internal.S3ResolveEndpointInterceptor",
                "software.amazon.awssdk.core.internal.interceptor.HttpChecksumValidationInterceptor",
                "software.amazon.awssdk.services.s3.internal.handlers.CreateMultipartUploadRequestInterceptor");

        for (String interceptor : interceptors) {
            assertTrue(reflectionClasses.contains(interceptor), interceptor + " is missing");
        }
    }

    @Test
    void reflection_listsMicrometerRegistry() {
        assertTrue(reflectionClasses.contains("io.quarkus.micrometer.runtime.export.PrometheusMeterRegistryProvider"));
    }

    @Test
    void reflection_listsJsonWrittenByRoutes() {
        assertTrue(reflectionClasses.contains("io.replayingest.ingest.UploadResult"),
                "the upload route writes UploadResult with Jackson outside the REST layer");
    }

    @Test
    void resources_includeSdkServiceFiles() {
        assertTrue(resources.contains("software/amazon/awssdk/services/s3/execution.interceptors"), resources);
        assertTrue(resources.contains("META-INF/services/software.amazon.awssdk.http.async.SdkAsyncHttpService"),
                resources);
    }

    @Test
    void arguments_failWithoutFallback() {
        assertTrue(nativeImageArgs.contains("--no-fallback"), nativeImageArgs);
        assertEquals(-1, nativeImageArgs.indexOf("--allow-incomplete-classpath"), nativeImageArgs);
    }
}
