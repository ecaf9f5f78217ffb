package io.replayingest.bench;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.async.AsyncRequestBody;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3AsyncClient;
import software.amazon.awssdk.services.s3.model.CompletedPart;

/**
 * Sends bodies straight to the store as multipart uploads with the AWS SDK's asynchronous client on Netty, the
 * same client and checksum mode the service uses, with the same part size and number of parts in flight. This is
 * the baseline that the service's throughput is compared with.
 */
final class DirectUploader implements AutoCloseable {

    private final S3AsyncClient client;
    private final long partSizeBytes;
    private final int maxPartsInFlight;

    DirectUploader(BenchStore store, long partSizeBytes, int maxPartsInFlight) {
        this.client = S3AsyncClient.builder()
                .endpointOverride(store.endpoint())
                .region(Region.US_EAST_1)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(store.accessKey(), store.secretKey())))
                .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .httpClientBuilder(NettyNioAsyncHttpClient.builder()
                        .maxConcurrency(256)
                        .connectionAcquisitionTimeout(Duration.ofSeconds(30)))
                .build();
        this.partSizeBytes = partSizeBytes;
        this.maxPartsInFlight = maxPartsInFlight;
    }


    void delete(String bucket, String key) {
        client.deleteObject(request -> request.bucket(bucket).key(key)).join();
    }

    /** Uploads {@code size} bytes of {@code body} under {@code key} and returns the time it took in nanoseconds. */
    long upload(String bucket, String key, long size, PatternBody body) throws InterruptedException {
        long start = System.nanoTime();
        String uploadId = client.createMultipartUpload(request -> request.bucket(bucket).key(key)
                .contentType("application/octet-stream")).join().uploadId();
        Semaphore inFlight = new Semaphore(maxPartsInFlight);
        List<CompletableFuture<CompletedPart>> parts = new ArrayList<>();
        int partNumber = 1;
        for (long offset = 0; offset < size; offset += partSizeBytes, partNumber++) {
            int length = (int) Math.min(partSizeBytes, size - offset);
            inFlight.acquire();
            byte[] part = new byte[length];
            body.fill(part, length, offset);
            int number = partNumber;
            CompletableFuture<CompletedPart> uploaded = client.uploadPart(request -> request.bucket(bucket).key(key)
                    .uploadId(uploadId).partNumber(number).contentLength((long) length),
                    AsyncRequestBody.fromRemainingByteBuffersUnsafe(slices(part)))
                    .thenApply(response -> CompletedPart.builder().partNumber(number).eTag(response.eTag()).build());
            uploaded.whenComplete((ignored, error) -> inFlight.release());
            parts.add(uploaded);
        }
        List<CompletedPart> completed = parts.stream().map(CompletableFuture::join)
                .sorted(Comparator.comparingInt(CompletedPart::partNumber)).toList();
        client.completeMultipartUpload(request -> request.bucket(bucket).key(key).uploadId(uploadId)
                .multipartUpload(upload -> upload.parts(completed))).join();
        return System.nanoTime() - start;
    }

    /** Splits a part into 64 KiB buffers, the way the service hands the body it received to the SDK. */
    private static ByteBuffer[] slices(byte[] part) {
        int sliceBytes = 64 * 1024;
        ByteBuffer[] slices = new ByteBuffer[(part.length + sliceBytes - 1) / sliceBytes];
        for (int i = 0; i < slices.length; i++) {
            slices[i] = ByteBuffer.wrap(part, i * sliceBytes, Math.min(sliceBytes, part.length - i * sliceBytes));
        }
        return slices;
    }

    @Override
    public void close() {
        client.close();
    }
}
