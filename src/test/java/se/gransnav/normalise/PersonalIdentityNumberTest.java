package se.gransnav.normalise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.fail;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import se.gransnav.normalise.InvalidIdentityNumberException.Reason;
import se.gransnav.normalise.PersonalIdentityNumber.LegalGender;

/**
 * Every number here has a birth number in 980–999 (Skatteverket's test series) and a correct
 * Luhn check digit unless the case is about a wrong check digit; {@link #assertTestDataRule}
 * checks that with its own Luhn implementation.
 */
class PersonalIdentityNumberTest {

    /** Reference date (the message's occurredAt) for all tables without their own. */
    private static final LocalDate REF = LocalDate.of(2025, 6, 15);

    private static final String MASKED = "PersonalIdentityNumber[masked]";

    // ---------------------------------------------------------------------------------------
    // Valid numbers
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw            | normalised   | gender | coordination | birth date | age on REF
            # every accepted form of the same woman
            199804179845     | 199804179845 | WOMAN  | false        | 1998-04-17 | 27
            19980417-9845    | 199804179845 | WOMAN  | false        | 1998-04-17 | 27
            9804179845       | 199804179845 | WOMAN  | false        | 1998-04-17 | 27
            980417-9845      | 199804179845 | WOMAN  | false        | 1998-04-17 | 27
            980417+9845      | 189804179845 | WOMAN  | false        | 1898-04-17 | 127
            # a man
            198711029911     | 198711029911 | MAN    | false        | 1987-11-02 | 37
            19871102-9911    | 198711029911 | MAN    | false        | 1987-11-02 | 37
            8711029911       | 198711029911 | MAN    | false        | 1987-11-02 | 37
            871102-9911      | 198711029911 | MAN    | false        | 1987-11-02 | 37
            # born this century
            200905149829     | 200905149829 | WOMAN  | false        | 2009-05-14 | 16
            090514-9829      | 200905149829 | WOMAN  | false        | 2009-05-14 | 16
            0905149829       | 200905149829 | WOMAN  | false        | 2009-05-14 | 16
            090514+9829      | 190905149829 | WOMAN  | false        | 1909-05-14 | 116
            200101309870     | 200101309870 | MAN    | false        | 2001-01-30 | 24
            010130-9870      | 200101309870 | MAN    | false        | 2001-01-30 | 24
            0101309870       | 200101309870 | MAN    | false        | 2001-01-30 | 24
            # birthday later in the year than REF
            197908099968     | 197908099968 | WOMAN  | false        | 1979-08-09 | 45
            790809-9968      | 197908099968 | WOMAN  | false        | 1979-08-09 | 45
            # coordination number in every accepted form: day 63 is the 3rd
            199003639854     | 199003639854 | MAN    | true         | 1990-03-03 | 35
            19900363-9854    | 199003639854 | MAN    | true         | 1990-03-03 | 35
            9003639854       | 199003639854 | MAN    | true         | 1990-03-03 | 35
            900363-9854      | 199003639854 | MAN    | true         | 1990-03-03 | 35
            900363+9854      | 189003639854 | MAN    | true         | 1890-03-03 | 135
            # earliest accepted year
            180001019868     | 180001019868 | WOMAN  | false        | 1800-01-01 | 225
            """)
    void validNumbers(String raw, String normalised, LegalGender gender, boolean coordination,
            LocalDate birthDate, int ageOnRef) throws Exception {
        assertTestDataRule(raw, true);

        PersonalIdentityNumber pin = PersonalIdentityNumber.parse(raw, REF);

        assertThat(pin.normalised()).isEqualTo(normalised).hasSize(12).containsOnlyDigits();
        assertThat(pin.legalGender()).isEqualTo(gender);
        assertThat(pin.coordinationNumber()).isEqualTo(coordination);
        assertThat(pin.birthDate()).isEqualTo(birthDate);
        assertThat(pin.ageOn(REF)).isEqualTo(ageOnRef);
        assertRevealsNothing(pin.toString(), raw);
        assertRevealsNothing(pin.toString(), normalised);
        assertThat(pin.toString()).isEqualTo(MASKED);
    }

    @ParameterizedTest(name = "[{index}] {1} on {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # reference  | raw          | normalised   | age on reference
            # birthday today: born today with '-', exactly 100 with '+'
            2025-06-15   | 250615-9801  | 202506159801 | 0
            2025-06-15   | 2506159819   | 202506159819 | 0
            2025-06-15   | 250615+9801  | 192506159801 | 100
            2025-06-15   | 202506159876 | 202506159876 | 0
            # birthday tomorrow: 99 with '-' (turns 100 tomorrow), 199 with '+'
            2025-06-15   | 250616-9826  | 192506169826 | 99
            2025-06-15   | 2506169826   | 192506169826 | 99
            2025-06-15   | 250616+9834  | 182506169834 | 199
            # ... and the same numbers one day later
            2025-06-16   | 250616-9826  | 202506169826 | 0
            2025-06-16   | 250616+9834  | 192506169834 | 100
            # birthday yesterday
            2025-06-15   | 250614-9844  | 202506149844 | 0
            2025-06-15   | 250614+9851  | 192506149851 | 100
            # year-end and century turn
            2025-06-15   | 260101-9868  | 192601019868 | 99
            2025-06-15   | 000101-9876  | 200001019876 | 25
            2025-06-15   | 991231-9887  | 199912319887 | 25
            2025-06-15   | 991231+9895  | 189912319895 | 125
            2000-01-01   | 991231-9887  | 199912319887 | 0
            2000-01-01   | 000101-9876  | 200001019876 | 0
            1999-12-31   | 000101-9876  | 190001019876 | 99
            1999-12-31   | 991231-9887  | 199912319887 | 0
            # 29 February: the year is resolved from month/day, then the date is checked
            2024-02-28   | 240229-9966  | 192402299966 | 99
            2024-02-29   | 240229-9966  | 202402299966 | 0
            2028-02-28   | 280229-9996  | 192802299996 | 99
            """)
    void centuryIsResolvedAgainstTheReferenceDate(LocalDate reference, String raw, String normalised, int age)
            throws Exception {
        assertTestDataRule(raw, true);

        PersonalIdentityNumber pin = PersonalIdentityNumber.parse(raw, reference);

        assertThat(pin.normalised()).isEqualTo(normalised);
        assertThat(pin.ageOn(reference)).isEqualTo(age);
        assertThat(pin.birthDate()).isBeforeOrEqualTo(reference);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw          | normalised   | birth date
            000229-9907    | 200002299907 | 2000-02-29
            0002299907     | 200002299907 | 2000-02-29
            200002299931   | 200002299931 | 2000-02-29
            040229-9945    | 200402299945 | 2004-02-29
            040229+9945    | 190402299945 | 1904-02-29
            240229-9966    | 202402299966 | 2024-02-29
            240229+9974    | 192402299974 | 1924-02-29
            199602299803   | 199602299803 | 1996-02-29
            """)
    void february29InLeapYears(String raw, String normalised, LocalDate birthDate) throws Exception {
        assertTestDataRule(raw, true);

        PersonalIdentityNumber pin = PersonalIdentityNumber.parse(raw, REF);

        assertThat(pin.normalised()).isEqualTo(normalised);
        assertThat(pin.birthDate()).isEqualTo(birthDate);
        assertThat(pin.coordinationNumber()).isFalse();
    }

    @ParameterizedTest(name = "[{index}] {0} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw          | normalised   | birth date | gender
            # day 61 is the 1st
            199003619823   | 199003619823 | 1990-03-01 | WOMAN
            # day 91 is valid in a 31-day month
            199001919837   | 199001919837 | 1990-01-31 | MAN
            # day 90 is the last in a 30-day month
            199004909868   | 199004909868 | 1990-04-30 | WOMAN
            # February: 89 only in leap years
            200002899888   | 200002899888 | 2000-02-29 | WOMAN
            000289-9912    | 200002899912 | 2000-02-29 | MAN
            199902889907   | 199902889907 | 1999-02-28 | WOMAN
            # born on the reference date
            202506759931   | 202506759931 | 2025-06-15 | MAN
            """)
    void coordinationNumbers(String raw, String normalised, LocalDate birthDate, LegalGender gender)
            throws Exception {
        assertTestDataRule(raw, true);

        PersonalIdentityNumber pin = PersonalIdentityNumber.parse(raw, REF);

        assertThat(pin.coordinationNumber()).isTrue();
        assertThat(pin.normalised()).isEqualTo(normalised);
        assertThat(pin.birthDate()).isEqualTo(birthDate);
        assertThat(pin.legalGender()).isEqualTo(gender);
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # the ninth digit of the ten-digit form (last of the birth number) decides
            199001019802 | WOMAN
            199001019810 | MAN
            199001019828 | WOMAN
            199001019836 | MAN
            199001019844 | WOMAN
            199001019851 | MAN
            199001019869 | WOMAN
            199001019877 | MAN
            199001019885 | WOMAN
            199001019893 | MAN
            199001019901 | WOMAN
            199001019919 | MAN
            199001019927 | WOMAN
            199001019935 | MAN
            199001019943 | WOMAN
            199001019950 | MAN
            199001019968 | WOMAN
            199001019976 | MAN
            199001019984 | WOMAN
            199001019992 | MAN
            """)
    void legalGenderComesFromTheNinthDigit(String raw, LegalGender gender) throws Exception {
        assertTestDataRule(raw, true);
        String shortForm = raw.substring(2, 8) + "-" + raw.substring(8);

        assertThat(PersonalIdentityNumber.parse(raw, REF).legalGender()).isEqualTo(gender);
        assertThat(PersonalIdentityNumber.parse(shortForm, REF).legalGender()).isEqualTo(gender);
        assertThat(gender == LegalGender.MAN).isEqualTo((raw.charAt(10) - '0') % 2 == 1);
    }

    // ---------------------------------------------------------------------------------------
    // Invalid numbers
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] \"{0}\" -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw                 | reason
            # --- format: null, empty, blank
                                  | FORMAT
            ''                    | FORMAT
            ' '                   | FORMAT
            '            '        | FORMAT
            # --- format: '+' is only for the ten-digit form
            19980417+9845         | FORMAT
            199003639854+         | FORMAT
            # --- format: spaces anywhere
            ' 9804179845'         | FORMAT
            '9804179845 '         | FORMAT
            ' 980417-9845 '       | FORMAT
            '980417 9845'         | FORMAT
            '19980417 9845'       | FORMAT
            '980417 -9845'        | FORMAT
            '9804 179845'         | FORMAT
            # --- format: wrong separators or separators in the wrong place
            980417/9845           | FORMAT
            980417.9845           | FORMAT
            980417_9845           | FORMAT
            980417:9845           | FORMAT
            980417\u20139845      | FORMAT
            980417\u22129845      | FORMAT
            980417--9845          | FORMAT
            980417-+9845          | FORMAT
            19980417--9845        | FORMAT
            1998-04-17-9845       | FORMAT
            98-04-17-9845         | FORMAT
            98041-79845           | FORMAT
            9804179-845           | FORMAT
            1998041-79845         | FORMAT
            199804179-845         | FORMAT
            -9804179845           | FORMAT
            9804179845-           | FORMAT
            +9804179845           | FORMAT
            9804179845+           | FORMAT
            -199804179845         | FORMAT
            # --- format: wrong lengths
            980417984             | FORMAT
            980417-984            | FORMAT
            98041798455           | FORMAT
            980417-98455          | FORMAT
            98041-9845            | FORMAT
            1998041798455         | FORMAT
            19980417-98455        | FORMAT
            0019980417-9845       | FORMAT
            # --- format: letters and non-ASCII digits
            ABCDEFGHIJ            | FORMAT
            98O4179845            | FORMAT
            980417-984S           | FORMAT
            1998O4179845          | FORMAT
            980417-9845a          | FORMAT
            x980417-9845          | FORMAT
            \uFF19\uFF18\uFF10\uFF14\uFF11\uFF17-\uFF19\uFF18\uFF14\uFF15 | FORMAT
            \u0669\u0668\u0660\u0664\u0661\u0667-\u0669\u0668\u0664\u0665 | FORMAT
            # --- date: month 00 / 13, day 00 / 32, 31 April
            199000019951          | DATE
            199013019964          | DATE
            199001009977          | DATE
            199001329987          | DATE
            199004319993          | DATE
            900001-9803           | DATE
            901301-9816           | DATE
            900100-9829           | DATE
            900132-9839           | DATE
            9001329839            | DATE
            # --- date: 29 February outside leap years (1900 is not one)
            000229+9915           | DATE
            190002299923          | DATE
            19000229-9923         | DATE
            250229-9957           | DATE
            230229-9983           | DATE
            199702299810          | DATE
            # --- date: coordination numbers
            199001609842          | DATE
            199001929851          | DATE
            199004919875          | DATE
            199902899898          | DATE
            000289+9920           | DATE
            # --- date: year 0000 and before 1800
            000001019843          | DATE
            179912319853          | DATE
            # --- date: twelve-digit birth date after the reference date
            202506169883          | DATE
            20250616-9883         | DATE
            209901019894          | DATE
            202506769948          | DATE
            # --- check digit
            199804179846          | CHECK_DIGIT
            19980417-9844         | CHECK_DIGIT
            980417-9840           | CHECK_DIGIT
            9804179841            | CHECK_DIGIT
            980417+9842           | CHECK_DIGIT
            198711029910          | CHECK_DIGIT
            199003639855          | CHECK_DIGIT
            900363-9853           | CHECK_DIGIT
            200101309871          | CHECK_DIGIT
            """)
    void invalidNumbers(String raw, Reason reason) {
        if (reason != Reason.FORMAT) {
            assertTestDataRule(raw, reason != Reason.CHECK_DIGIT);
        }

        InvalidIdentityNumberException e = reject(raw, REF);

        assertThat(e.reason()).isEqualTo(reason);
        assertThat(e.getMessage()).isIn(messagesFor(reason));
        assertThat(e.getCause()).isNull();
        assertRevealsNothing(e.getMessage(), raw);
        assertRevealsNothing(e.getLocalizedMessage(), raw);
        assertRevealsNothing(e.toString(), raw);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {
        "9804179845\n", "\n9804179845", "980417-9845\r\n", "\t980417-9845", "980417\t9845",
        "980417\u00A09845", "\u00A09804179845", "\u200B9804179845", "9804179845\u0000", "\uFEFF199804179845"
    })
    void controlAndInvisibleCharactersAreFormatErrors(String raw) {
        InvalidIdentityNumberException e = reject(raw, REF);

        assertThat(e.reason()).isEqualTo(Reason.FORMAT);
        assertRevealsNothing(e.getMessage(), raw);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({"202506169883", "20250616-9883", "209901019894", "202506769948"})
    void twelveDigitBirthDateAfterReferenceDateIsInTheFuture(String raw) {
        assertTestDataRule(raw, true);

        InvalidIdentityNumberException e = reject(raw, REF);

        assertThat(e.reason()).isEqualTo(Reason.DATE);
        assertThat(e.getMessage()).isEqualTo("birth date is in the future");
    }

    @Test
    void twentyNinthOfFebruaryResolvedToANonLeapYearIsInvalid() {
        // On 2025-02-28 the 29th is "later in the year", so 250229- resolves to 1925: no leap year.
        InvalidIdentityNumberException e = reject("250229-9957", LocalDate.of(2025, 2, 28));

        assertThat(e.reason()).isEqualTo(Reason.DATE);
        assertThat(e.getMessage()).isEqualTo("the date part is not a real date");
    }

    @Test
    void tenDigitFormResolvingToBefore1800IsInvalid() throws Exception {
        // With '+' on 1899-06-15, 990101 is 1799-01-01; without it, 1899-01-01 is fine.
        LocalDate reference = LocalDate.of(1899, 6, 15);
        assertThat(PersonalIdentityNumber.parse("990101-9902", reference).normalised()).isEqualTo("189901019902");

        InvalidIdentityNumberException e = reject("990101+9902", reference);

        assertThat(e.reason()).isEqualTo(Reason.DATE);
    }

    @Test
    void messagesAreTheDocumentedOnes() {
        assertThat(reject(null, REF).getMessage()).isEqualTo("must be YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC");
        assertThat(reject("199013019964", REF).getMessage()).isEqualTo("the date part is not a real date");
        assertThat(reject("202506169883", REF).getMessage()).isEqualTo("birth date is in the future");
        assertThat(reject("199804179846", REF).getMessage()).isEqualTo("the check digit is wrong");
    }

    @Test
    void exceptionIsChecked() {
        assertThat(Exception.class).isAssignableFrom(InvalidIdentityNumberException.class);
        assertThat(RuntimeException.class.isAssignableFrom(InvalidIdentityNumberException.class)).isFalse();
    }

    @Test
    void referenceDateIsRequired() {
        assertThatNullPointerException().isThrownBy(() -> PersonalIdentityNumber.parse("199804179845", null));
    }

    // ---------------------------------------------------------------------------------------
    // ageOn, equality, toString
    // ---------------------------------------------------------------------------------------

    @ParameterizedTest(name = "[{index}] {0} on {1} -> {2}")
    @CsvSource(delimiter = '|', textBlock = """
            # raw          | date       | age
            199804179845   | 1998-04-17 | 0
            199804179845   | 2016-04-16 | 17
            199804179845   | 2016-04-17 | 18
            199804179845   | 2025-04-16 | 26
            199804179845   | 2025-04-17 | 27
            199804179845   | 1997-04-17 | -1
            # 29 February birthday: a full year only on 1 March in non-leap years
            200002299931   | 2001-02-28 | 0
            200002299931   | 2001-03-01 | 1
            200002299931   | 2004-02-28 | 3
            200002299931   | 2004-02-29 | 4
            # coordination number: the real date (3 March) counts, not day 63
            199003639854   | 2025-03-02 | 34
            199003639854   | 2025-03-03 | 35
            # 100 years old
            250615+9801    | 2025-06-14 | 99
            250615+9801    | 2025-06-15 | 100
            """)
    void ageOnCountsFullYears(String raw, LocalDate date, int age) throws Exception {
        assertTestDataRule(raw, true);

        assertThat(PersonalIdentityNumber.parse(raw, REF).ageOn(date)).isEqualTo(age);
    }

    @Test
    void equalityIsOnTheNormalisedNumber() throws Exception {
        List<PersonalIdentityNumber> sameWoman = List.of(
                PersonalIdentityNumber.parse("199804179845", REF),
                PersonalIdentityNumber.parse("19980417-9845", REF),
                PersonalIdentityNumber.parse("9804179845", REF),
                PersonalIdentityNumber.parse("980417-9845", REF),
                PersonalIdentityNumber.parse("980417-9845", LocalDate.of(2030, 1, 1)));
        for (PersonalIdentityNumber pin : sameWoman) {
            assertThat(pin).isEqualTo(sameWoman.get(0)).hasSameHashCodeAs(sameWoman.get(0));
        }

        PersonalIdentityNumber a = sameWoman.get(0);
        assertThat(a).isNotEqualTo(PersonalIdentityNumber.parse("980417+9845", REF));
        assertThat(a).isNotEqualTo(PersonalIdentityNumber.parse("198711029911", REF));
        assertThat(a).isNotEqualTo("199804179845");
        assertThat(a.equals(null)).isFalse();
        assertThat(a).isEqualTo(a);
    }

    @Test
    void toStringNeverRevealsTheNumber() throws Exception {
        for (String raw : List.of("199804179845", "980417-9845", "980417+9845", "199003639854", "250615-9801")) {
            PersonalIdentityNumber pin = PersonalIdentityNumber.parse(raw, REF);

            assertThat(pin.toString()).isEqualTo(MASKED);
            assertRevealsNothing(pin.toString(), raw);
            assertRevealsNothing(pin.toString(), pin.normalised());
        }
    }

    // ---------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------

    private static InvalidIdentityNumberException reject(String raw, LocalDate reference) {
        try {
            PersonalIdentityNumber.parse(raw, reference);
        } catch (InvalidIdentityNumberException e) {
            return e;
        }
        return fail("expected the number to be rejected");
    }

    private static List<String> messagesFor(Reason reason) {
        return switch (reason) {
            case FORMAT -> List.of("must be YYYYMMDDNNNC, YYMMDD-NNNC or YYMMDD+NNNC");
            case DATE -> List.of("the date part is not a real date", "birth date is in the future");
            case CHECK_DIGIT -> List.of("the check digit is wrong");
        };
    }

    /** The text contains neither the input, nor its first six digits, nor any digit at all. */
    private static void assertRevealsNothing(String text, String raw) {
        assertThat(text).isNotNull().doesNotContainPattern("[0-9]");
        if (raw == null || raw.isBlank()) {
            return;
        }
        assertThat(text).doesNotContain(raw).doesNotContain(raw.strip());
        String digits = raw.replaceAll("[^0-9]", "");
        if (digits.length() >= 6) {
            assertThat(text).doesNotContain(digits.substring(0, 6));
        }
        if (!digits.isEmpty()) {
            assertThat(text).doesNotContain(digits);
        }
    }

    /**
     * Test data rule: birth number in 980–999, and (unless a wrong check digit is the point of the
     * case) a correct Luhn digit, computed here independently of the class under test.
     */
    private static void assertTestDataRule(String raw, boolean checkDigitCorrect) {
        assertThat(raw).as("test data shape").matches("[0-9]{6}([0-9]{2})?[-+]?[0-9]{4}");
        String digits = raw.replaceAll("[-+]", "");
        String ten = digits.substring(digits.length() - 10);
        assertThat(Integer.parseInt(ten.substring(6, 9))).as("birth number of test data").isBetween(980, 999);
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int d = (ten.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        int expected = (10 - sum % 10) % 10;
        assertThat(ten.charAt(9) - '0' == expected).as("check digit of test data is correct").isEqualTo(checkDigitCorrect);
    }
}
