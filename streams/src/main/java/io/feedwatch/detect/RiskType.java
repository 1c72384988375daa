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

    /** The rule an alert type names; an unknown type (a newer writer's) is an error, not a guess. */
    public static RiskType of(AlertType type) {
        for (RiskType r : values()) {
            if (r.alertType == type) {
                return r;
            }
        }
        throw new IllegalArgumentException("no rule for alert type " + type);
    }
}
