package io.feedwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PluralTest {
    @Test
    void onlyOneIsSingular() {
        assertThat(Plural.of(0, "enrollment")).isEqualTo("0 enrollments");
        assertThat(Plural.of(1, "enrollment")).isEqualTo("1 enrollment");
        assertThat(Plural.of(2, "enrollment")).isEqualTo("2 enrollments");
        assertThat(Plural.of(1, "daily summary", "daily summaries")).isEqualTo("1 daily summary");
        assertThat(Plural.of(3, "daily summary", "daily summaries")).isEqualTo("3 daily summaries");
    }
}
