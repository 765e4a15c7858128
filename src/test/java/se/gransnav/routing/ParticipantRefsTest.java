package se.gransnav.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Identity numbers here use birth numbers 980–999 (Skatteverket's test series) with correct check digits. */
class ParticipantRefsTest {

    private static final String WOMAN = "199804179845";
    private static final String MAN = "198711029911";

    private static final Forbund ALVKUST = forbund("alvkust", "a-secret-for-tests-only-0000000000000001");
    private static final Forbund VAST = forbund("vast", "b-secret-for-tests-only-0000000000000002");

    private final ParticipantRefs refs = new ParticipantRefs();

    private static Forbund forbund(String id, String secret) {
        return new Forbund(id, id, 16, 64, secret, List.of());
    }

    @Test
    void sameNumberAndForbundGiveTheSameRef() {
        assertThat(refs.of(ALVKUST, WOMAN)).isEqualTo(refs.of(ALVKUST, WOMAN));
        // depends only on the secret, not on the Forbund instance
        Forbund sameSecret = forbund("alvkust", ALVKUST.participantRefSecret());
        assertThat(new ParticipantRefs().of(sameSecret, WOMAN)).isEqualTo(refs.of(ALVKUST, WOMAN));
    }

    @Test
    void differentForbundGiveDifferentRefs() {
        assertThat(refs.of(ALVKUST, WOMAN)).isNotEqualTo(refs.of(VAST, WOMAN));
    }

    @Test
    void differentNumbersGiveDifferentRefs() {
        assertThat(refs.of(ALVKUST, WOMAN)).isNotEqualTo(refs.of(ALVKUST, MAN));
        assertThat(refs.of(ALVKUST, "200905149829")).isNotEqualTo(refs.of(ALVKUST, "199003639854"));
    }

    @Test
    void theRealForbundGiveDifferentRefsForOnePerson() {
        assertThat(TestRegistries.forbund().all()).extracting(f -> refs.of(f, WOMAN))
                .hasSize(3)
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest
    @ValueSource(strings = {WOMAN, MAN, "200905149829", "199003639854", "201011209812"})
    void refIs32LowerCaseHexCharactersAndRevealsNoDigitsOfTheNumber(String number) {
        for (Forbund f : List.of(ALVKUST, VAST)) {
            String ref = refs.of(f, number);
            assertThat(ref).hasSize(32).matches("[0-9a-f]{32}");
            assertThat(ref).doesNotContain(number).doesNotContain(number.substring(2));
        }
    }
}
