package io.replayingest.spots;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.replayingest.error.ApiException;
import io.replayingest.error.ErrorCode;
import io.replayingest.storage.ListedPart;

class DirectUploadPlanTest {

    static final long MIB = 1024 * 1024;

    static DirectUploadPlan plan(long size) {
        long partSize = DirectUploadPlan.partSizeFor(size);
        return new DirectUploadPlan("demo", "spot", "video.webm", "id", size, partSize,
                DirectUploadPlan.partCountFor(size, partSize), "video/webm", Instant.EPOCH);
    }

    @Test
    void partSize_atLeastFiveMebibytes() {
        assertEquals(5 * MIB, DirectUploadPlan.partSizeFor(1));
        assertEquals(1, DirectUploadPlan.partCountFor(1, 5 * MIB));
        assertEquals(5 * MIB, DirectUploadPlan.partSizeFor(4096 * MIB));
        assertEquals(820, DirectUploadPlan.partCountFor(4096 * MIB, 5 * MIB));
    }

    @Test
    void partSize_keepsAtMostTenThousandParts() {
        for (long size : new long[] { 50_000 * MIB, 50_000 * MIB + 1, 5L * 1024 * 1024 * MIB }) {
            long partSize = DirectUploadPlan.partSizeFor(size);

            assertTrue(DirectUploadPlan.partCountFor(size, partSize) <= 10_000, "size " + size);
            assertEquals(0, partSize % MIB, "size " + size);
        }
        assertEquals(6 * MIB, DirectUploadPlan.partSizeFor(50_000 * MIB + 1));
    }

    @Test
    void checkParts_acceptsExactLayout() {
        DirectUploadPlan plan = plan(11 * MIB);
        List<ListedPart> parts = List.of(new ListedPart(1, "a", 5 * MIB), new ListedPart(2, "b", 5 * MIB),
                new ListedPart(3, "c", MIB));

        assertEquals(3, DirectUploadService.checkParts(plan, parts).size());
    }

    @Test
    void checkParts_rejectsMissingAndWrongSizes() {
        DirectUploadPlan plan = plan(11 * MIB);
        List<List<ListedPart>> wrong = List.of(
                List.of(new ListedPart(1, "a", 5 * MIB), new ListedPart(2, "b", 5 * MIB)),
                List.of(new ListedPart(1, "a", 5 * MIB), new ListedPart(2, "b", 4 * MIB), new ListedPart(3, "c",
                        2 * MIB)),
                List.of(new ListedPart(1, "a", 5 * MIB), new ListedPart(3, "c", 5 * MIB), new ListedPart(4, "d",
                        MIB)));

        for (List<ListedPart> parts : wrong) {
            ApiException error = assertThrows(ApiException.class, () -> DirectUploadService.checkParts(plan, parts));

            assertEquals(ErrorCode.CONFLICT, error.code());
        }
    }
}
