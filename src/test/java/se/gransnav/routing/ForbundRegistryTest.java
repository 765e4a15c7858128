package se.gransnav.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The förbund registry: the contract's table (section 1) read from the real {@code config/forbund.yml},
 * the start-up checks on hand-made configurations, and the validity periods of memberships.
 */
class ForbundRegistryTest {

    private static final MunicipalityRegistry MUNICIPALITIES = TestRegistries.municipalities();
    private static final ForbundRegistry REAL = TestRegistries.forbund();

    private static final LocalDate TODAY = LocalDate.of(2026, 11, 25);
    private static final LocalDate LONG_AGO = LocalDate.of(1990, 1, 1);

    private static final String SECRET_A = "a-secret-for-tests-only-0000000000000001";
    private static final String SECRET_B = "b-secret-for-tests-only-0000000000000002";
    private static final String SECRET_C = "c-secret-for-tests-only-0000000000000003";

    private static Optional<String> routed(ForbundRegistry registry, String code, LocalDate day) {
        return registry.forMunicipality(code, day).map(Forbund::id);
    }

    private static Forbund forbund(String id, String secret, Membership... members) {
        return new Forbund(id, "Förbund " + id, 16, 64, secret, List.of(members));
    }

    private static Membership member(String code, String from, String to) {
        return new Membership(code, from == null ? null : LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    private static ForbundRegistry registry(Forbund... forbund) {
        return new ForbundRegistry(List.of(forbund), MUNICIPALITIES);
    }

    // --- the real config/forbund.yml: the contract's table ------------------------------------------

    @Test
    void hasTheThreeForbundOfTheContract() {
        assertThat(REAL.all()).extracting(Forbund::id, Forbund::name).containsExactlyInAnyOrder(
                tuple("finsam-goteborg", "Finsam Göteborg"),
                tuple("alvkust", "Samordningsförbundet Älv & Kust"),
                tuple("vast", "Samordningsförbundet Väst"));
        assertThat(REAL.all()).allSatisfy(f -> {
            assertThat(f.referralAgeMin()).isEqualTo(16);
            assertThat(f.referralAgeMax()).isEqualTo(64);
            assertThat(f.participantRefSecret()).hasSizeGreaterThanOrEqualTo(ForbundRegistry.MIN_SECRET_LENGTH);
            assertThat(f.inboxQueue()).isEqualTo("forbund." + f.id() + ".inbox");
        });
        assertThat(REAL.byId("alvkust")).map(Forbund::name).contains("Samordningsförbundet Älv & Kust");
        assertThat(REAL.byId("stockholm")).isEmpty();
    }

    @Test
    void secretPlaceholdersAreResolved() {
        assertThat(REAL.all()).extracting(Forbund::participantRefSecret)
                .allSatisfy(secret -> assertThat(secret).doesNotContain("${").doesNotContain("}"))
                .doesNotHaveDuplicates();
    }

    @ParameterizedTest(name = "{0} {1} -> {2} from {3}")
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            1480 | Göteborg    | finsam-goteborg | 2019-07-01
            1440 | Ale         | alvkust         | -
            1482 | Kungälv     | alvkust         | -
            1415 | Stenungsund | alvkust         | -
            1419 | Tjörn       | alvkust         | -
            1407 | Öckerö      | alvkust         | 2018-01-01
            1485 | Uddevalla   | vast            | -
            1421 | Orust       | vast            | -
            1439 | Färgelanda  | vast            | -
            1484 | Lysekil     | vast            | -
            1430 | Munkedal    | vast            | -
            1427 | Sotenäs     | vast            | -
            1486 | Strömstad   | vast            | -
            1435 | Tanum       | vast            | -
            1461 | Mellerud    | vast            | 2022-01-01
            """)
    void everyMemberRoutesToItsForbund(String code, String name, String forbundId, LocalDate from) {
        assertThat(MUNICIPALITIES.byCode(code)).map(Municipality::name).contains(name);
        assertThat(routed(REAL, code, TODAY)).contains(forbundId);
        if (from == null) {
            // a member with no date has been one for as long as the hub's data reaches
            assertThat(routed(REAL, code, LONG_AGO)).contains(forbundId);
        } else {
            assertThat(routed(REAL, code, from)).contains(forbundId);
            assertThat(routed(REAL, code, from.minusDays(1))).isEmpty();
        }
    }

    @ParameterizedTest(name = "{0} on {1} -> {2}")
    @CsvSource(nullValues = "-", textBlock = """
            1407, 2018-01-01, alvkust
            1407, 2017-12-31, -
            1461, 2022-01-01, vast
            1461, 2021-12-31, -
            1480, 2019-07-01, finsam-goteborg
            1480, 2019-06-30, -
            """)
    void datedMembershipsStartOnTheirFirstDay(String code, LocalDate day, String expected) {
        assertThat(routed(REAL, code, day)).isEqualTo(Optional.ofNullable(expected));
    }

    @Test
    void stockholmIsRealButRoutesToNothing() {
        assertThat(MUNICIPALITIES.exists("0180")).isTrue();
        assertThat(routed(REAL, "0180", TODAY)).isEmpty();
    }

    @Test
    void unknownCodeRoutesToNothing() {
        assertThat(routed(REAL, "9999", TODAY)).isEmpty();
    }

    @Test
    void noOtherMunicipalityRoutesAnywhere() {
        Map<String, String> routedToday = MUNICIPALITIES.all().stream()
                .filter(m -> REAL.forMunicipality(m.code(), TODAY).isPresent())
                .collect(Collectors.toMap(Municipality::code, m -> routed(REAL, m.code(), TODAY).orElseThrow()));
        assertThat(routedToday).containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                Map.entry("1480", "finsam-goteborg"),
                Map.entry("1440", "alvkust"), Map.entry("1482", "alvkust"), Map.entry("1415", "alvkust"),
                Map.entry("1419", "alvkust"), Map.entry("1407", "alvkust"),
                Map.entry("1485", "vast"), Map.entry("1421", "vast"), Map.entry("1439", "vast"),
                Map.entry("1484", "vast"), Map.entry("1430", "vast"), Map.entry("1427", "vast"),
                Map.entry("1486", "vast"), Map.entry("1435", "vast"), Map.entry("1461", "vast")));
    }

    @Test
    void fileFormDefaultsTheAgeRangeAndResolvesPlaceholders() {
        ForbundRegistry.ForbundFile file = TestRegistries.parseYaml("""
                forbund:
                  - id: test
                    name: Test
                    participantRefSecret: ${NO_SUCH_VARIABLE_IN_GRANSNAV_TESTS:%s}
                    members:
                      - { municipality: "1482", name: Kungälv, to: 2020-12-31 }
                """.formatted(SECRET_A), ForbundRegistry.ForbundFile.class);
        assertThat(file.toForbund()).singleElement().satisfies(f -> {
            assertThat(f.referralAgeMin()).isEqualTo(16);
            assertThat(f.referralAgeMax()).isEqualTo(64);
            assertThat(f.participantRefSecret()).isEqualTo(SECRET_A);
            assertThat(f.memberships()).containsExactly(member("1482", null, "2020-12-31"));
        });
    }

    // --- start-up checks on hand-made configurations -------------------------------------------------

    @Test
    void aValidConfigurationIsAccepted() {
        ForbundRegistry registry = registry(
                forbund("a", SECRET_A, member("1482", null, null)),
                forbund("b", SECRET_B, member("1480", "2019-07-01", null)));
        assertThat(routed(registry, "1482", TODAY)).contains("a");
        assertThat(routed(registry, "1480", TODAY)).contains("b");
        assertThat(routed(registry, "1480", LocalDate.of(2019, 6, 30))).isEmpty();
    }

    @Test
    void unknownMunicipalityCodeStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", SECRET_A, member("9999", null, null))))
                .withMessageContaining("9999")
                .withMessageContaining("not a Swedish municipality code");
    }

    @Test
    void overlappingMembershipsInTwoForbundStopStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(
                        forbund("first", SECRET_A, member("1461", null, "2022-06-30")),
                        forbund("second", SECRET_B, member("1461", "2022-01-01", null))))
                .withMessageContaining("Municipality 1461 has overlapping memberships in first and second");
    }

    @Test
    void openEndedMembershipsInTwoForbundOverlap() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(
                        forbund("a", SECRET_A, member("1482", null, null)),
                        forbund("b", SECRET_B, member("1440", null, null), member("1482", "2030-01-01", null))))
                .withMessageContaining("1482")
                .withMessageContaining("overlapping");
    }

    @Test
    void sharingOneDayIsAnOverlap() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(
                        forbund("a", SECRET_A, member("1461", null, "2022-01-01")),
                        forbund("b", SECRET_B, member("1461", "2022-01-01", null))))
                .withMessageContaining("1461")
                .withMessageContaining("overlapping");
    }

    @Test
    void overlappingMembershipsWithinOneForbundStopStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", SECRET_A,
                        member("1482", "2020-01-01", "2020-12-31"), member("1482", "2020-12-31", null))))
                .withMessageContaining("1482")
                .withMessageContaining("overlapping");
    }

    @Test
    void overlapIsFoundBetweenLaterForbund() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(
                        forbund("a", SECRET_A, member("1440", null, null)),
                        forbund("b", SECRET_B, member("1485", "2024-01-01", null)),
                        forbund("c", SECRET_C, member("1485", null, "2024-01-01"))))
                .withMessageContaining("1485")
                .withMessageContaining("overlapping");
    }

    @Test
    void touchingPeriodsInTwoForbundAreFine() {
        ForbundRegistry registry = registry(
                forbund("old", SECRET_A, member("1461", null, "2021-12-31")),
                forbund("new", SECRET_B, member("1461", "2022-01-01", null)));
        assertThat(routed(registry, "1461", LocalDate.of(2021, 12, 31))).contains("old");
        assertThat(routed(registry, "1461", LocalDate.of(2022, 1, 1))).contains("new");
    }

    @Test
    void touchingPeriodsWithinOneForbundAreFine() {
        ForbundRegistry registry = registry(forbund("a", SECRET_A,
                member("1482", "2020-01-01", "2020-12-31"), member("1482", "2021-01-01", null)));
        assertThat(routed(registry, "1482", LocalDate.of(2019, 12, 31))).isEmpty();
        assertThat(routed(registry, "1482", LocalDate.of(2020, 12, 31))).contains("a");
        assertThat(routed(registry, "1482", LocalDate.of(2021, 1, 1))).contains("a");
    }

    @Test
    void membershipEndingBeforeItStartsStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", SECRET_A, member("1482", "2022-01-02", "2022-01-01"))))
                .withMessageContaining("1482")
                .withMessageContaining("ends before it starts");
    }

    @Test
    void aOneDayMembershipIsFine() {
        ForbundRegistry registry = registry(forbund("a", SECRET_A, member("1482", "2022-01-01", "2022-01-01")));
        assertThat(routed(registry, "1482", LocalDate.of(2022, 1, 1))).contains("a");
        assertThat(routed(registry, "1482", LocalDate.of(2022, 1, 2))).isEmpty();
    }

    @Test
    void tooShortSecretStopsStartUpWithoutShowingIt() {
        String secret = "s".repeat(31);
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", secret)))
                .withMessageContaining("participantRefSecret of at least 32 characters")
                .withMessageNotContaining(secret);
    }

    @Test
    void missingSecretStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", null)))
                .withMessageContaining("participantRefSecret");
    }

    @Test
    void secretOfExactly32CharactersIsFine() {
        assertThat(ForbundRegistry.MIN_SECRET_LENGTH).isEqualTo(32);
        assertThatNoException().isThrownBy(() -> registry(forbund("a", "s".repeat(32))));
    }

    @Test
    void twoForbundSharingASecretStopStartUpWithoutShowingIt() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(
                        forbund("a", SECRET_A, member("1482", null, null)),
                        forbund("b", SECRET_A, member("1485", null, null))))
                .withMessageContaining("Förbund b shares its participantRefSecret")
                .withMessageNotContaining(SECRET_A);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"Alvkust", "älvkust", "-alvkust", "alv kust", "alv_kust", "alv.kust"})
    void badIdStopsStartUp(String id) {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund(id, SECRET_A)))
                .withMessageContaining("must be lower-case letters, digits and -");
    }

    @Test
    void idsAreAtMost63Characters() {
        String id = "a".repeat(63);
        assertThatNoException().isThrownBy(() -> registry(forbund(id, SECRET_A)));
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund(id + "a", SECRET_A)))
                .withMessageContaining("must be lower-case letters, digits and -");
    }

    @Test
    void sameIdTwiceStopsStartUp() {
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(forbund("a", SECRET_A), forbund("a", SECRET_B)))
                .withMessageContaining("Förbund a is configured twice");
    }

    @ParameterizedTest(name = "{0}–{1}")
    @CsvSource({"65, 16", "17, 16", "-1, 64"})
    void emptyAgeRangeStopsStartUp(int min, int max) {
        Forbund f = new Forbund("a", "A", min, max, SECRET_A, List.of());
        assertThatIllegalStateException()
                .isThrownBy(() -> registry(f))
                .withMessageContaining("Förbund a has an empty referral age range");
    }

    @Test
    void aOneYearAgeRangeIsFine() {
        assertThatNoException().isThrownBy(() -> registry(new Forbund("a", "A", 18, 18, SECRET_A, List.of())));
    }

    @Test
    void forbundKeepsItsOwnCopyOfTheMemberships() {
        List<Membership> members = new ArrayList<>(List.of(member("1482", null, null)));
        Forbund f = new Forbund("a", "A", 16, 64, SECRET_A, members);
        members.add(member("1485", null, null));
        assertThat(f.memberships()).containsExactly(member("1482", null, null));
    }

    // --- Membership ----------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{0} .. {1}] on {2} -> {3}")
    @CsvSource(nullValues = "-", textBlock = """
            2018-01-01, 2020-12-31, 2017-12-31, false
            2018-01-01, 2020-12-31, 2018-01-01, true
            2018-01-01, 2020-12-31, 2019-06-15, true
            2018-01-01, 2020-12-31, 2020-12-31, true
            2018-01-01, 2020-12-31, 2021-01-01, false
            -,          2020-12-31, 1900-01-01, true
            -,          2020-12-31, 2020-12-31, true
            -,          2020-12-31, 2021-01-01, false
            2018-01-01, -,          2017-12-31, false
            2018-01-01, -,          2018-01-01, true
            2018-01-01, -,          2999-12-31, true
            -,          -,          1900-01-01, true
            -,          -,          2999-12-31, true
            2022-01-01, 2022-01-01, 2022-01-01, true
            2022-01-01, 2022-01-01, 2021-12-31, false
            2022-01-01, 2022-01-01, 2022-01-02, false
            """)
    void validOnIsInclusiveAndANullBoundIsOpen(LocalDate from, LocalDate to, LocalDate day, boolean valid) {
        assertThat(new Membership("1482", from, to).validOn(day)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "[{0} .. {1}] and [{2} .. {3}] -> {4}")
    @CsvSource(nullValues = "-", textBlock = """
            -,          2021-12-31, 2022-01-01, -,          false
            -,          2022-01-01, 2022-01-01, -,          true
            2020-01-01, 2020-12-31, 2021-01-01, 2021-12-31, false
            2020-01-01, 2020-12-31, 2020-06-01, 2020-06-30, true
            -,          -,          2020-01-01, 2020-01-01, true
            2020-01-01, -,          -,          2019-12-31, false
            """)
    void overlapsIsSymmetricAndInclusive(LocalDate fromA, LocalDate toA, LocalDate fromB, LocalDate toB,
                                         boolean overlap) {
        Membership a = new Membership("1482", fromA, toA);
        Membership b = new Membership("1482", fromB, toB);
        assertThat(a.overlaps(b)).isEqualTo(overlap);
        assertThat(b.overlaps(a)).isEqualTo(overlap);
    }
}
