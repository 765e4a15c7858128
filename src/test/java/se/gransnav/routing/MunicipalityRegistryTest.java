package se.gransnav.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.text.Normalizer;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvFileSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
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

    // --- byName ----------------------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Göteborgs stad  | 1480
            kungälvs kommun | 1482
            Öckerö          | 1407
            Borås stad      | 1490
            """)
    void theContractsExamplesMatch(String name, String code) {
        assertThat(REAL.byName(name)).map(Municipality::code).contains(code);
    }

    @ParameterizedTest(name = "{1}")
    @CsvFileSource(files = "config/kommuner.csv", delimiter = ';', numLinesToSkip = 1, encoding = "UTF-8")
    void everyNameInTheListMatchesItsMunicipality(String code, String name) {
        assertThat(REAL.byName(name)).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(name.toUpperCase(Locale.ROOT))).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(name.toLowerCase(Locale.ROOT))).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(name + " kommun")).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(name + " stad")).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(" \t" + name + " kommun \n")).as(name).map(Municipality::code).contains(code);
        assertThat(REAL.byName(Normalizer.normalize(name, Normalizer.Form.NFD)))
                .as(name).map(Municipality::code).contains(code);
        if (!name.endsWith("s")) {
            assertThat(REAL.byName(name + "s kommun")).as(name).map(Municipality::code).contains(code);
            assertThat(REAL.byName(name + "s stad")).as(name).map(Municipality::code).contains(code);
            assertThat(REAL.byName(name + "s")).as("a genitive s needs kommun or stad after it").isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            GÖTEBORGS STAD                  | 1480
            göteborg                        | 1480
            Göteborg stad                   | 1480
            '  Göteborgs   stad  '          | 1480
            Stockholms stad                 | 0180
            Borås                           | 1490
            borås kommun                    | 1490
            Hofors kommun                   | 2104
            Upplands Väsby                  | 0114
            upplands väsbys kommun          | 0114
            Upplands-Bros kommun            | 0139
            Malung-Sälen                    | 2023
            MALUNG-SÄLENS KOMMUN            | 2023
            Dals-Ed                         | 1438
            Dals-Eds kommun                 | 1438
            Lilla Edets kommun              | 1462
            Östra Göinge kommun             | 1256
            Båstads kommun                  | 1278
            Kristianstads kommun            | 1290
            Kalix kommun                    | 2514
            """)
    void namesWithSpacesHyphensAndEndingsMatch(String name, String code) {
        assertThat(REAL.byName(name)).map(Municipality::code).contains(code);
    }

    @Test
    void decomposedSwedishLettersMatch() {
        assertThat(REAL.byName("O\u0308ckero\u0308")).map(Municipality::code).contains("1407");
        assertThat(REAL.byName("Kunga\u0308lvs kommun")).map(Municipality::code).contains("1482");
        assertThat(REAL.byName("Bora\u030As stad")).map(Municipality::code).contains("1490");
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {" ", "Atlantis", "Göteborgs", "kommun", "stad", "s kommun", "Göteborgs kommun stad",
            "Kungälv kommunen", "Göte borg", "Malung Sälen", "Upplands Väsbykommun", "1480", "Goteborg",
            "Ockero", "Kungälvs län"})
    void otherNamesMatchNothing(String name) {
        assertThat(REAL.byName(name)).isEmpty();
    }

    @Test
    void namesThatCannotBeToldApartThrow() {
        Map<String, Municipality> parsed = MunicipalityRegistry.parse(HEADER
                + "1482;Kungälv;Västra Götalands län\n"
                + "9001;Kungälvs;Västra Götalands län\n");
        assertThatIllegalStateException()
                .isThrownBy(() -> new MunicipalityRegistry(parsed))
                .withMessageContaining("cannot be told apart");
    }
}
