package se.gransnav.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MunicipalityRegistryTest {

    private static final String HEADER = "kommunkod;kommun;lan\n";

    private static final MunicipalityRegistry REAL = TestRegistries.municipalities();

    @Test
    void theRealListHasAll290Municipalities() {
        assertThat(REAL.all()).hasSize(290);
        assertThat(REAL.all()).extracting(Municipality::code)
                .doesNotHaveDuplicates()
                .allSatisfy(code -> assertThat(code).matches("[0-9]{4}"));
        assertThat(REAL.all()).extracting(Municipality::name)
                .doesNotHaveDuplicates()
                .allSatisfy(name -> assertThat(name).isNotBlank().isEqualTo(name.strip()));
    }

    @Test
    void findsMunicipalitiesByCode() {
        assertThat(REAL.byCode("1482")).contains(new Municipality("1482", "Kungälv", "Västra Götalands län"));
        assertThat(REAL.byCode("0180")).map(Municipality::name).contains("Stockholm");
        assertThat(REAL.byCode("1407")).map(Municipality::name).contains("Öckerö");
        assertThat(REAL.exists("1480")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"9999", "0000", "148", "14820", "", "Kungälv"})
    void unknownCodesAreNotMunicipalities(String code) {
        assertThat(REAL.byCode(code)).isEmpty();
        assertThat(REAL.exists(code)).isFalse();
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        Map<String, Municipality> parsed = MunicipalityRegistry.parse(
                "\uFEFF" + HEADER + "1482;Kungälv;Västra Götalands län\n");
        assertThat(parsed).containsExactly(
                Map.entry("1482", new Municipality("1482", "Kungälv", "Västra Götalands län")));
    }

    @Test
    void crlfLineEndsAndSurroundingSpacesAreFine() {
        Map<String, Municipality> parsed = MunicipalityRegistry.parse(
                "kommunkod;kommun;lan\r\n 1482 ; Kungälv ;Västra Götalands län\r\n1440;Ale;Västra Götalands län\r\n");
        assertThat(parsed).containsOnlyKeys("1482", "1440");
        assertThat(parsed.get("1482").name()).isEqualTo("Kungälv");
    }

    @Test
    void aDuplicateCodeThrows() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MunicipalityRegistry.parse(HEADER
                        + "1482;Kungälv;Västra Götalands län\n"
                        + "1440;Ale;Västra Götalands län\n"
                        + "1482;Kungälv igen;Västra Götalands län\n"))
                .withMessageContaining("Municipality code 1482 is listed twice");
    }

    @ParameterizedTest
    @ValueSource(strings = {"148", "14820", "14a2", "", "abcd"})
    void aCodeThatIsNotFourDigitsThrows(String code) {
        assertThatIllegalStateException()
                .isThrownBy(() -> MunicipalityRegistry.parse(HEADER
                        + "1440;Ale;Västra Götalands län\n"
                        + code + ";Kungälv;Västra Götalands län\n"))
                .withMessageContaining("Line 2")
                .withMessageContaining("four-digit kommunkod");
    }

    @Test
    void anEmptyListThrows() {
        assertThatIllegalStateException()
                .isThrownBy(() -> MunicipalityRegistry.parse(HEADER))
                .withMessageContaining("empty");
    }
}
