package se.gransnav.tracking;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadsheetCellsTest {

    @ParameterizedTest
    @ValueSource(strings = {"=HYPERLINK(\"http://x\";\"y\")", "+1+2", "-2+3", "@SUM(A1)", "\t=1", "\r=1",
            "\uFF1D1+1", "\uFF0B1", "\uFF0D1", "\uFF20A1"})
    void aCellThatASpreadsheetWouldEvaluateIsMadeText(String value) {
        assertThat(SpreadsheetCells.text(value)).isEqualTo("'" + value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"KUN-AME-88213", "a=b", "1-2", "'quoted", "Älv & Kust", " =not first"})
    void otherCellsAreLeftAsTheyAre(String value) {
        assertThat(SpreadsheetCells.text(value)).isEqualTo(value);
    }

    @Test
    void emptyAndMissingStayThemselves() {
        assertThat(SpreadsheetCells.text("")).isEmpty();
        assertThat(SpreadsheetCells.text(null)).isNull();
    }
}
