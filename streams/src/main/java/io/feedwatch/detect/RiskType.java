package io.feedwatch.detect;

import io.feedwatch.schemas.AlertType;

/** The two rules; in evaluation and emission order. */
public enum RiskType {
    UNDER_FREQUENCY(AlertType.UNDER_FREQUENCY),
    LONG_GAP(AlertType.LONG_GAP);

    private final AlertType alertType;

    RiskType(AlertType alertType) {
        this.alertType = alertType;
    }

    public AlertType alertType() {
        return alertType;
    }
}
