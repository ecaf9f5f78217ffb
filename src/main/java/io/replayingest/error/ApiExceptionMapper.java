package io.replayingest.error;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import io.replayingest.storage.StoreException;

/** Sends every {@link ApiException} and {@link StoreException} from a REST resource as the JSON error body. */
public class ApiExceptionMapper {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMapper.class);

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> map(ApiException error, UriInfo uri) {
        if (error.code() == ErrorCode.INTERNAL) {
            LOG.errorf(error, "request failed path=%s", uri.getPath());
        }
        RestResponse.ResponseBuilder<Map<String, Object>> response = RestResponse.ResponseBuilder
                .<Map<String, Object>> create(error.code().status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .entity(error.body());
        if (error.retryAfterSeconds() != null) {
            response.header(HttpHeaders.RETRY_AFTER, error.retryAfterSeconds());
        }
        return response.build();
    }

    @ServerExceptionMapper
    public RestResponse<Map<String, Object>> map(StoreException error, UriInfo uri) {
        LOG.warnf("object store call failed path=%s operation=%s status=%d code=%s", uri.getPath(), error.operation(),
                error.statusCode(), error.errorCode());
        return map(StoreErrors.toApiException(error), uri);
    }
}
