package se.gransnav.intake;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class InboxFileNamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"statusfil-2026-11.csv", "Kungälv AME november.csv", "a..b.json", "..csv", "x y (2).json"})
    void ordinaryNamesAreRead(String name) {
        assertThat(InboxFileNames.acceptable(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x\\..\\..\\other\\file.csv", "a\\b.csv", "line\nbreak.csv", "cr\r.json", "tab\t.csv",
            "nul\u0000.csv", "del\u007f.csv"})
    void namesWithSeparatorsOrControlCharactersAreRefused(String name) {
        assertThat(InboxFileNames.acceptable(name)).isFalse();
        assertThat(InboxFileNames.acceptable(InboxFileNames.harmless(name))).isTrue();
    }

    @Test
    void theHarmlessFormKeepsTheRestOfTheName() {
        assertThat(InboxFileNames.harmless("x\\..\\..\\ale-ame\\f.json")).isEqualTo("x_.._.._ale-ame_f.json");
        assertThat(InboxFileNames.harmless("rapport\n2026.csv")).isEqualTo("rapport_2026.csv");
    }
}
