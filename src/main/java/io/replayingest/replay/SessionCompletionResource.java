package io.replayingest.replay;

import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;

import org.jboss.resteasy.reactive.RestHeader;
import org.jboss.resteasy.reactive.RestPath;

import io.replayingest.auth.KeyAuthenticator;
import io.replayingest.ingest.IngestKeys;
import io.smallrye.mutiny.Uni;

/** {@code POST /v1/projects/{projectId}/sessions/{sessionId}/complete}: writes the session manifest (ingest key). */
@Path("/v1/projects/{projectId}/sessions/{sessionId}/complete")
public class SessionCompletionResource {

    private final ManifestService manifests;
    private final KeyAuthenticator authenticator;

    @Inject
    SessionCompletionResource(ManifestService manifests, IngestKeys keys) {
        this.manifests = manifests;
        this.authenticator = keys.authenticator();
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<SessionManifest> complete(@RestPath String projectId, @RestPath String sessionId,
            @RestHeader(HttpHeaders.AUTHORIZATION) String authorization) {
        SessionRef session = SessionRef.parse(projectId, sessionId);
        authenticator.require(projectId, authorization);

        return manifests.complete(session);
    }
}
