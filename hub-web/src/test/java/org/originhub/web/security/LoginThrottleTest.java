package org.originhub.web.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");

    private LoginThrottle throttle;

    @BeforeEach
    void throttle() {
        throttle = new LoginThrottle();
        throttle.perSourceAndName = 5;
        throttle.perSource = 20;
        throttle.window = Duration.ofMinutes(15);
        at(START);
    }

    @Test
    void fiveFailuresForOneNameRefuseThatNameFromThatAddressOnly() {
        for (int i = 0; i < 5; i++) {
            attemptFails("203.0.113.9", "admin");
        }

        assertThat(throttle.begin("203.0.113.9", "admin")).hasValueSatisfying(wait ->
                assertThat(wait).isEqualTo(Duration.ofMinutes(15)));
        assertThat(throttle.begin("198.51.100.1", "admin")).as("the owner, elsewhere").isEmpty();
        throttle.end("198.51.100.1");
        assertThat(throttle.begin("203.0.113.9", "alice")).as("another name from the same address").isEmpty();
    }

    @Test
    void twentyFailuresAcrossNamesRefuseTheAddressUntilTheWindowEnds() {
        for (int i = 0; i < 20; i++) {
            attemptFails("203.0.113.9", "user" + i);
        }
        assertThat(throttle.begin("203.0.113.9", "someone-new")).isPresent();

        at(START.plus(Duration.ofMinutes(15)));
        assertThat(throttle.begin("203.0.113.9", "someone-new")).isEmpty();
    }

    @Test
    void theAnswerDependsOnlyOnWhatTheCallerSentNotOnWhetherTheNameExists() {
        for (int i = 0; i < 5; i++) {
            attemptFails("203.0.113.9", "no-such-user");
            attemptFails("203.0.113.9", "Admin");
        }
        assertThat(throttle.begin("203.0.113.9", "no-such-user")).isEqualTo(throttle.begin("203.0.113.9", "ADMIN"));
    }

    @Test
    void anAddressWithFailuresChecksOnePasswordAtATime() {
        assertThat(throttle.begin("203.0.113.9", "admin")).isEmpty();
        assertThat(throttle.begin("203.0.113.9", "admin")).as("no failures yet: concurrent checks").isEmpty();
        throttle.end("203.0.113.9");
        throttle.failed("203.0.113.9", "admin");

        assertThat(throttle.begin("203.0.113.9", "admin")).hasValue(Duration.ofSeconds(1));
        throttle.end("203.0.113.9");
        assertThat(throttle.begin("203.0.113.9", "admin")).isEmpty();
    }

    @Test
    void aCorrectPasswordClearsThePairButNotTheAddress() {
        for (int i = 0; i < 4; i++) {
            attemptFails("203.0.113.9", "admin");
        }
        throttle.begin("203.0.113.9", "admin");
        throttle.end("203.0.113.9");
        throttle.succeeded("203.0.113.9", "admin");

        for (int i = 0; i < 4; i++) {
            attemptFails("203.0.113.9", "admin");
        }
        assertThat(throttle.begin("203.0.113.9", "admin")).isEmpty();
    }

    private void attemptFails(String source, String username) {
        assertThat(throttle.begin(source, username)).isEmpty();
        throttle.end(source);
        throttle.failed(source, username);
    }

    private void at(Instant now) {
        throttle.clock = Clock.fixed(now, ZoneOffset.UTC);
    }
}
