package io.feedwatch.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.feedwatch.schemas.StaffAlert;
import java.time.Instant;

/** The JSON of the HTTP API: one mapper (instants as UTC ISO-8601 strings) and the shapes it writes. */
public final class ApiJson {
    private ApiJson() {
    }

    /** A fresh mapper configured for the API (ObjectMapper is thread-safe once configured). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    }

    /** A request-level failure: {@code error} is a stable code (MALFORMED, UNAUTHORIZED, NOT_FOUND, ...). */
    public record Error(String error, String message) {
    }

    /** One staff alert record, field for field as on {@code feedwatch.staff-alerts.v1}. */
    public record Alert(String alertId, String participantId, String clinicId, String type, String status, Instant riskSince,
                        Instant resolvedAt, String resolution, Integer observedCount, Integer expectedMin,
                        Instant lastSessionAt, String gapLimit, Integer infantAgeDays, Instant windowStart,
                        Instant windowEnd, Instant detectedAt, String message) {

        public static Alert of(StaffAlert a) {
            return new Alert(a.getAlertId(), a.getParticipantId(), a.getClinicId(), a.getType().name(), a.getStatus().name(),
                    a.getRiskSince(), a.getResolvedAt(), a.getResolution() == null ? null : a.getResolution().name(),
                    a.getObservedCount(), a.getExpectedMin(), a.getLastSessionAt(), a.getGapLimit(), a.getInfantAgeDays(),
                    a.getWindowStart(), a.getWindowEnd(), a.getDetectedAt(), a.getMessage());
        }
    }
}
