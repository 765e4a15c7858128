package se.gransnav.system;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;

import static org.assertj.core.api.Assertions.assertThat;

class PersonalNumberMaskTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "bad number 19900101-9802 in field | bad number [personnummer] in field",
            "bad number 199001019802 in field | bad number [personnummer] in field",
            "900101-9802 | [personnummer]",
            "9001019802 | [personnummer]",
            "a centenarian 900101+9802 | a centenarian [personnummer]",
            "with a space 900101 9802 | with a space [personnummer]",
            "two: 19900101-9802,19900161-9806. | two: [personnummer],[personnummer].",
    })
    void masksEveryFormOfAPersonalNumber(String text, String masked) {
        assertThat(PersonalNumberMask.mask(text)).isEqualTo(masked);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "attempt 6 of 6",
            "HTTP 500 from port 8080",
            "kommun 1489",
            "a longer number 1234567890123 stays",
            "tracking id 4d7e0a2c-1b2f-4f0e-9c1e-29a3f0d1b7aa",
            "at 2026-11-25T08:00:00Z",
    })
    void leavesOtherNumbersAlone(String text) {
        assertThat(PersonalNumberMask.mask(text)).isEqualTo(text);
    }

    @ParameterizedTest
    @NullSource
    void nullStaysNull(String text) {
        assertThat(PersonalNumberMask.mask(text)).isNull();
    }
}
