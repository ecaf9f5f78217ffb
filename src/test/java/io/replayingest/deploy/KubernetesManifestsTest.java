package io.replayingest.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import io.quarkus.runtime.configuration.MemorySizeConverter;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;

/**
 * Renders every kustomize overlay under {@code k8s/} with {@code kubectl kustomize} and checks it against the
 * service's own configuration: environment variable names, probes, memory, grace period and users.
 */
class KubernetesManifestsTest {

    /** Quarkus settings that the manifests may set besides the service's own @ConfigMapping keys. */
    static final Set<String> QUARKUS_VARIABLES = Set.of("QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT",
            "QUARKUS_HTTP_CORS_ORIGINS", "QUARKUS_LOG_CONSOLE_JSON_ENABLED");
    /** Variables without which the service does not start or cannot reach its store. */
    static final Set<String> REQUIRED_VARIABLES = Set.of("INGEST_KEYS", "S3_ACCESS_KEY", "S3_SECRET_KEY");
    /** Estimate of the process's memory besides upload buffers: heap and metaspace of the JVM, or native image. */
    static final long PROCESS_BASE_BYTES = 192L * 1024 * 1024;
    static final String SECRET_NAME = "replay-ingest-secrets";

    static Set<String> knownVariables;

    @BeforeAll
    static void collectVariables() throws IOException, ClassNotFoundException {
        boolean required = "true".equals(System.getenv("REQUIRE_KUBECTL_TESTS"));
        boolean present = kubectlAvailable();
        if (!present && !required) {
            System.out.println("KubernetesManifestsTest skipped: kubectl is missing. Install it with"
                    + " 'apt-get install kubectl' (Debian) to render the k8s/ overlays.");
        }
        assumeTrue(present || required, "kubectl is missing");
        knownVariables = new HashSet<>(QUARKUS_VARIABLES);
        for (Class<?> mapping : configMappings()) {
            String prefix = mapping.getAnnotation(ConfigMapping.class).prefix();
            collect(prefix, mapping, knownVariables);
        }
    }

    private static boolean kubectlAvailable() {
        try {
            return new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start().waitFor() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Finds the service's @ConfigMapping interfaces in the compiled classes. */
    private static List<Class<?>> configMappings() throws IOException, ClassNotFoundException {
        Path classes = Path.of("target/classes");
        List<Class<?>> mappings = new ArrayList<>();
        try (Stream<Path> files = Files.walk(classes)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type = Class.forName(name, false, KubernetesManifestsTest.class.getClassLoader());
                if (type.isAnnotationPresent(ConfigMapping.class)) {
                    mappings.add(type);
                }
            }
        }
        assertFalse(mappings.isEmpty(), "no @ConfigMapping interface found under " + classes);
        return mappings;
    }

    /** Adds the environment variable of each property of a mapping, following nested groups. */
    private static void collect(String prefix, Class<?> mapping, Set<String> variables) {
        for (Method method : mapping.getMethods()) {
            if (method.getParameterCount() > 0 || method.isDefault()) {
                continue;
            }
            String name = method.isAnnotationPresent(WithName.class) ? method.getAnnotation(WithName.class).value()
                    : kebab(method.getName());
            String property = prefix + "." + name;
            Class<?> type = method.getReturnType();
            if (type.isInterface() && type.getPackageName().startsWith("io.replayingest")) {
                collect(property, type, variables);
            } else {
                variables.add(property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
            }
        }
    }

    private static String kebab(String camel) {
        return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    static List<JsonNode> render(String overlay) throws IOException, InterruptedException {
        Process process = new ProcessBuilder("kubectl", "kustomize", "k8s/overlays/" + overlay).start();
        String yaml = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, process.waitFor(), "kubectl kustomize failed: " + errors);
        List<JsonNode> documents = new ArrayList<>();
        try (MappingIterator<JsonNode> iterator = new YAMLMapper().readerFor(JsonNode.class).readValues(yaml)) {
            iterator.forEachRemaining(documents::add);
        }
        return documents;
    }

    static JsonNode find(List<JsonNode> documents, String kind, String name) {
        return documents.stream()
                .filter(d -> kind.equals(d.path("kind").asText()) && name.equals(d.path("metadata").path("name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError(kind + " " + name + " is not rendered"));
    }

    static Map<String, String> configData(List<JsonNode> documents) {
        Map<String, String> data = new HashMap<>();
        find(documents, "ConfigMap", "replay-ingest-config").path("data").fields()
                .forEachRemaining(field -> data.put(field.getKey(), field.getValue().asText()));
        return data;
    }

    static List<JsonNode> podSpecs(List<JsonNode> documents) {
        return documents.stream()
                .filter(d -> Set.of("Deployment", "Job", "StatefulSet", "DaemonSet").contains(d.path("kind").asText()))
                .map(d -> d.path("spec").path("template").path("spec"))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void environment_onlyVariablesTheServiceReads(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        Set<String> used = new HashSet<>(configData(documents).keySet());
        for (JsonNode container : find(documents, "Deployment", "replay-ingest").at("/spec/template/spec/containers")) {
            container.path("env").forEach(env -> used.add(env.path("name").asText()));
        }

        for (String variable : used) {
            assertTrue(knownVariables.contains(variable), overlay + ": " + variable + " is not read by the service");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void environment_requiredVariablesSet(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        JsonNode container = find(documents, "Deployment", "replay-ingest").at("/spec/template/spec/containers/0");
        Map<String, JsonNode> env = new HashMap<>();
        container.path("env").forEach(entry -> env.put(entry.path("name").asText(), entry));
        Set<String> secretKeys = new HashSet<>();
        documents.stream().filter(d -> "Secret".equals(d.path("kind").asText())
                && d.path("metadata").path("name").asText().startsWith(SECRET_NAME))
                .forEach(secret -> secret.path("data").fieldNames().forEachRemaining(secretKeys::add));

        for (String variable : REQUIRED_VARIABLES) {
            JsonNode entry = env.get(variable);
            assertTrue(entry != null, overlay + ": " + variable + " is not set");
            JsonNode secretRef = entry.at("/valueFrom/secretKeyRef");
            assertTrue(secretRef.path("name").asText().startsWith(SECRET_NAME), overlay + ": " + variable
                    + " must come from the Secret " + SECRET_NAME);
            boolean secretRendered = !secretKeys.isEmpty();
            assertTrue(!secretRendered || secretKeys.contains(secretRef.path("key").asText()),
                    overlay + ": the rendered Secret lacks " + variable);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void probes_matchServicePortAndHealthPaths(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        JsonNode container = find(documents, "Deployment", "replay-ingest").at("/spec/template/spec/containers/0");
        String httpPort = configData(documents).getOrDefault("QUARKUS_HTTP_PORT", "8080");

        assertEquals(httpPort, container.at("/ports/0/containerPort").asText());
        assertEquals("http", container.at("/ports/0/name").asText());
        assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText());
        assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText());
        assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText());
        for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
            assertEquals("http", container.path(probe).at("/httpGet/port").asText(), probe);
        }
        assertEquals("0.0.0.0", configData(documents).get("QUARKUS_HTTP_HOST"),
                "the service listens on 127.0.0.1 unless QUARKUS_HTTP_HOST opens it to the pod network");
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void memoryLimit_coversBufferBudget(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        JsonNode container = find(documents, "Deployment", "replay-ingest").at("/spec/template/spec/containers/0");
        MemorySizeConverter sizes = new MemorySizeConverter();
        long budget = sizes.convert(configData(documents).getOrDefault("INGEST_MAX_BUFFERED_BYTES", "256M"))
                .asLongValue();
        long limit = kubernetesBytes(container.at("/resources/limits/memory").asText());

        assertTrue(limit >= budget + PROCESS_BASE_BYTES, overlay + ": memory limit " + limit
                + " leaves less than " + PROCESS_BASE_BYTES + " bytes beside the buffer budget of " + budget);
        assertTrue(kubernetesBytes(container.at("/resources/requests/memory").asText()) <= limit);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void gracePeriod_exceedsShutdownGrace(String overlay) throws Exception {
        List<JsonNode> documents = render(overlay);
        String grace = configData(documents).getOrDefault("SHUTDOWN_GRACE", "30s");
        long graceSeconds = Duration.parse("PT" + grace.toUpperCase(Locale.ROOT)).toSeconds();
        long period = find(documents, "Deployment", "replay-ingest")
                .at("/spec/template/spec/terminationGracePeriodSeconds").asLong();

        assertTrue(period > graceSeconds, overlay + ": terminationGracePeriodSeconds " + period
                + " must exceed SHUTDOWN_GRACE " + grace);
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void containers_neverRunAsRoot(String overlay) throws Exception {
        for (JsonNode pod : podSpecs(render(overlay))) {
            for (JsonNode container : pod.path("containers")) {
                String name = container.path("name").asText();
                boolean nonRoot = container.at("/securityContext/runAsNonRoot").asBoolean(
                        pod.at("/securityContext/runAsNonRoot").asBoolean(false));
                long user = container.at("/securityContext/runAsUser").asLong(
                        pod.at("/securityContext/runAsUser").asLong(0));

                assertTrue(nonRoot, overlay + ": " + name + " lacks runAsNonRoot");
                assertTrue(user > 0, overlay + ": " + name + " runs as user " + user);
                assertFalse(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true),
                        overlay + ": " + name + " allows privilege escalation");
                assertTrue(container.at("/securityContext/readOnlyRootFilesystem").asBoolean(false),
                        overlay + ": " + name + " has a writable root filesystem");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void resources_carryStandardLabels(String overlay) throws Exception {
        for (JsonNode document : render(overlay)) {
            JsonNode labels = document.path("metadata").path("labels");

            assertTrue(labels.has("app.kubernetes.io/name"), document.path("kind").asText() + " "
                    + document.path("metadata").path("name").asText() + " lacks app.kubernetes.io/name");
            assertTrue(labels.has("app.kubernetes.io/component"), document.path("metadata").path("name").asText());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dev", "production" })
    void setupJob_runsSetupCommand(String overlay) throws Exception {
        JsonNode job = find(render(overlay), "Job", "replay-ingest-setup");

        assertEquals("setup", job.at("/spec/template/spec/containers/0/args/0").asText());
    }

    /** Parses a Kubernetes memory quantity such as 640Mi or 1G. */
    static long kubernetesBytes(String quantity) {
        Map<String, Long> units = Map.of("Ki", 1L << 10, "Mi", 1L << 20, "Gi", 1L << 30, "K", 1000L,
                "M", 1000_000L, "G", 1000_000_000L);
        for (Map.Entry<String, Long> unit : units.entrySet()) {
            if (quantity.endsWith(unit.getKey()) && Character.isDigit(quantity.charAt(quantity.length()
                    - unit.getKey().length() - 1))) {
                return Long.parseLong(quantity.substring(0, quantity.length() - unit.getKey().length()))
                        * unit.getValue();
            }
        }
        return Long.parseLong(quantity);
    }

}
