package io.replayingest.observability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.replayingest.testing.S3MockServer;
import io.replayingest.testing.S3StoreResource;
import io.replayingest.testing.ServiceProcess;

/** Runs the packaged service with JSON console logs and reads an upload event back as JSON. */
class JsonLogIT {

    static S3MockServer store;

    @BeforeAll
    static void startStore() throws Exception {
        store = S3MockServer.start(Path.of("target", "it-s3mock", "json-log-" + ProcessHandle.current().pid()));
    }

    @AfterAll
    static void stopStore() {
        store.close();
    }

    @Test
    void jsonLogs_carryRequestIdProjectAndSession() throws Exception {
        Map<String, String> settings = new HashMap<>(ServiceProcess.storeSettings(store));
        settings.put("quarkus.log.console.json.enabled", "true");
        String session = "json-" + UUID.randomUUID();
        String requestId = "req-" + UUID.randomUUID();
        ServiceProcess service = ServiceProcess.start(settings, Path.of("target", "it-logs", "json-log.log"));
        HttpResponse<String> response;
        String output;
        try {
            HttpRequest request = HttpRequest.newBuilder(service.uri("/v1/projects/demo/sessions/" + session
                    + "/chunks/0"))
                    .header("Authorization", "Bearer " + S3StoreResource.KEY)
                    .header("X-Request-Id", requestId)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(new byte[100]))
                    .build();
            response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } finally {
            service.close();
            output = service.output();
        }

        assertEquals(201, response.statusCode(), response.body());
        assertEquals(Optional.of(requestId), response.headers().firstValue("X-Request-Id"));
        ObjectMapper mapper = new ObjectMapper();
        JsonNode event = null;
        for (String line : output.split("\n")) {
            if (line.startsWith("{") && line.contains("upload completed")) {
                event = mapper.readTree(line);
            }
        }
        assertTrue(event != null, "no JSON line for the upload in:\n" + output);
        assertEquals(requestId, event.path("mdc").path("requestId").asText(), event.toString());
        assertEquals("demo", event.path("mdc").path("project").asText(), event.toString());
        assertEquals(session, event.path("mdc").path("session").asText(), event.toString());
        assertEquals("INFO", event.path("level").asText(), event.toString());
    }
}
