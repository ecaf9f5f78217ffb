package io.replayingest.ingest;

import java.util.function.Function;

import io.replayingest.storage.ObjectTarget;

/**
 * What one streamed upload stores and how it responds: everything that differs between the kinds of upload.
 *
 * @param kind bounded label of the kind of object ({@code recording}, {@code spot}, {@code sourcemap},
 *        {@code asset}) for logs and metrics
 * @param target bucket, key, content headers, tags and metadata; the handler adds the declared SHA-256 to the metadata
 * @param maxBodyBytes larger bodies get 413
 * @param limitSetting the setting that sets {@code maxBodyBytes}, named in the 413 message
 * @param logFields {@code key=value} fields that name the object in log events, such as {@code project=a session=b}
 * @param location the {@code Location} header of the 201 response, or null for none
 * @param bodyCheck inspects the body while it streams
 * @param responseBody turns the stored object into the JSON body of the 201 response
 */
public record UploadPlan(String kind, ObjectTarget target, long maxBodyBytes, String limitSetting, String logFields,
        String location, BodyCheck bodyCheck, Function<UploadResult, Object> responseBody) {

    /** A plan that accepts any body and responds with the {@link UploadResult}. */
    public static UploadPlan of(String kind, ObjectTarget target, long maxBodyBytes, String limitSetting,
            String logFields, String location) {
        return new UploadPlan(kind, target, maxBodyBytes, limitSetting, logFields, location, BodyCheck.NONE,
                result -> result);
    }

    /** Returns the same plan with a check of the body. */
    public UploadPlan withBodyCheck(BodyCheck check) {
        return new UploadPlan(kind, target, maxBodyBytes, limitSetting, logFields, location, check, responseBody);
    }

    /** Returns the same plan with another response body. */
    public UploadPlan withResponseBody(Function<UploadResult, Object> body) {
        return new UploadPlan(kind, target, maxBodyBytes, limitSetting, logFields, location, bodyCheck, body);
    }
}
