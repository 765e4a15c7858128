package se.gransnav.security;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RequestRateLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final RequestRateLimits limits = new RequestRateLimits(
            new RateLimitProperties(60, Map.of("small", 2)), now::get);

    @Test
    void aMinutesWorthAtOnceThenTheSteadyRateWithTheWaitSaid() {
        for (int i = 0; i < 60; i++) {
            limits.acquire("ale-ame");
        }
        RequestRateLimits.RateLimitedException refused =
                catchThrowableOfType(RequestRateLimits.RateLimitedException.class, () -> limits.acquire("ale-ame"));
        assertThat(refused.retryAfterSeconds()).isEqualTo(1);

        now.addAndGet(1_000_000_000L); // one second: one more request
        assertThatCode(() -> limits.acquire("ale-ame")).doesNotThrowAnyException();
        assertThat(catchThrowableOfType(RequestRateLimits.RateLimitedException.class, () -> limits.acquire("ale-ame")))
                .isNotNull();
    }

    @Test
    void eachPartnerHasItsOwnAllowanceAndSomeAnotherLimit() {
        limits.acquire("small");
        limits.acquire("small");
        RequestRateLimits.RateLimitedException refused =
                catchThrowableOfType(RequestRateLimits.RateLimitedException.class, () -> limits.acquire("small"));
        assertThat(refused.retryAfterSeconds()).isEqualTo(30);
        assertThatCode(() -> limits.acquire("kungalv-ame")).doesNotThrowAnyException();

        now.addAndGet(60_000_000_000L);
        assertThatCode(() -> {
            limits.acquire("small");
            limits.acquire("small");
        }).as("refilled after a minute, to no more than the limit").doesNotThrowAnyException();
        assertThat(catchThrowableOfType(RequestRateLimits.RateLimitedException.class, () -> limits.acquire("small")))
                .isNotNull();
    }
}
