package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.feedwatch.names.Topics;
import io.feedwatch.schemas.AlertStatus;
import io.feedwatch.schemas.AlertType;
import io.feedwatch.schemas.Case;
import io.feedwatch.schemas.CaseChange;
import io.feedwatch.schemas.CaseCloseReason;
import io.feedwatch.schemas.CaseStatus;
import io.feedwatch.schemas.NotificationReason;
import io.feedwatch.schemas.Participant;
import io.feedwatch.schemas.StaffAlert;
import io.feedwatch.schemas.serde.SingleObjectSerdeFactory;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

class WorkQueueLinesTest {
    private static final Instant T = Instant.parse("2026-03-03T18:00:00Z");
    private static final SingleObjectSerdeFactory SERDES = new SingleObjectSerdeFactory();
    private final WorkQueueLines lines = new WorkQueueLines(SERDES,
            List.of(new Participant("p-1", "c-1", LocalDate.parse("2026-02-28"), "America/Chicago", T, null)));

    @SuppressWarnings("unchecked")
    private static <T extends SpecificRecord> byte[] bytes(T record) {
        return SERDES.serde((Class<T>) record.getClass()).serializer().serialize(null, record);
    }

    private static Case.Builder kase(CaseChange change) {
        return Case.newBuilder().setCaseId("k-1").setParticipantId("p-1").setClinicId("c-1").setStatus(CaseStatus.OPEN)
                .setOpenedAt(T).setAlertIds(List.of("a-1")).setAlertTypes(List.of(AlertType.LONG_GAP)).setChange(change)
                .setUpdatedAt(T);
    }

    @Test
    void staffSeeCasesInTheMothersLocalTimeNotTheAlertStream() {
        StaffAlert alert = StaffAlert.newBuilder().setAlertId("a-1").setParticipantId("p-1").setClinicId("c-1").setType(AlertType.LONG_GAP)
                .setStatus(AlertStatus.OPEN).setRiskSince(T).setWindowStart(T).setWindowEnd(T).setDetectedAt(T)
                .setMessage("No milk-removal session recorded for 4 h or more.").build();

        assertThat(lines.read(Topics.STAFF_ALERTS, bytes(alert))).isEmpty();
        assertThat(lines.read(Topics.CASES, bytes(kase(CaseChange.OPENED).setNotification(NotificationReason.CASE_OPENED)
                .setNotifications(1).setLastNotifiedAt(T).build())))
                .contains("CASE OPENED     p-1 (clinic c-1) Tue 3 Mar 12:00 CST  LONG_GAP: No milk-removal session recorded for 4 h or more.");
        assertThat(lines.read(Topics.CASES, bytes(kase(CaseChange.ACKNOWLEDGED).build()))).isEmpty();
        assertThat(lines.read(Topics.CASES, bytes(kase(CaseChange.CLOSED).setStatus(CaseStatus.CLOSED).setClosedAt(T.plusSeconds(3600))
                .setCloseReason(CaseCloseReason.STAFF_CLOSED).setCloseNote("Spoke with her.").build())))
                .contains("CASE CLOSED     p-1 (clinic c-1) Tue 3 Mar 13:00 CST  closed by staff: Spoke with her. (1 alert)");
        assertThat(lines.summary()).isEqualTo("1 case opened, 1 staff notification (raw alert records: 1 OPEN, 0 RESOLVED, 0 WITHDRAWN)");
        assertThat(lines.cases()).containsExactly(1, 1, 0);
    }

    @Test
    void aCaseReadBeforeItsAlertRecordNamesTheRuleWithoutAnEmptyMessage() {
        assertThat(lines.read(Topics.CASES, bytes(kase(CaseChange.OPENED).setNotification(NotificationReason.CASE_OPENED)
                .setNotifications(1).setLastNotifiedAt(T).build())))
                .contains("CASE OPENED     p-1 (clinic c-1) Tue 3 Mar 12:00 CST  LONG_GAP");
    }
}
