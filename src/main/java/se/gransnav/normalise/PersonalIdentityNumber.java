package se.gransnav.normalise;

import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import se.gransnav.normalise.InvalidIdentityNumberException.Reason;

/**
 * A Swedish personal identity number (personnummer) or coordination number
 * (samordningsnummer), validated and normalised to twelve digits {@code YYYYMMDDNNNC}.
 *
 * <p>Accepted forms are {@code YYYYMMDDNNNC}, {@code YYYYMMDD-NNNC}, {@code YYMMDDNNNC},
 * {@code YYMMDD-NNNC} and {@code YYMMDD+NNNC}, with ASCII digits only and nothing around them.
 * The century of a ten-digit form is resolved against a reference date: with {@code -} or no
 * separator the person is 0 to 99 years old on that date, with {@code +} 100 or older.
 *
 * <p>{@link #toString()} never reveals the number; use {@link #normalised()} where the number
 * itself is needed. Equality is on the normalised number.
 */
public final class PersonalIdentityNumber {

    /** Legal gender, from the ninth digit of the ten-digit form: odd is a man, even a woman. */
    public enum LegalGender { MAN, WOMAN }

    private static final Pattern LONG_FORM = Pattern.compile("([0-9]{8})-?([0-9]{4})");
    private static final Pattern SHORT_FORM = Pattern.compile("([0-9]{6})([-+]?)([0-9]{4})");
    private static final int COORDINATION_OFFSET = 60;
    private static final int EARLIEST_YEAR = 1800;

    private final String normalised;
    private final LocalDate birthDate;
    private final boolean coordinationNumber;
    private final LegalGender legalGender;

    private PersonalIdentityNumber(String normalised, LocalDate birthDate, boolean coordinationNumber) {
        this.normalised = normalised;
        this.birthDate = birthDate;
        this.coordinationNumber = coordinationNumber;
        this.legalGender = (normalised.charAt(10) - '0') % 2 == 1 ? LegalGender.MAN : LegalGender.WOMAN;
    }

    /**
     * Parses and validates a number. Checks are made in the order format, date, check digit;
     * the exception reports the first that fails.
     *
     * @param raw the number as received, may be {@code null} (which is a format error)
     * @param referenceDate the date the century of a ten-digit form is resolved against, and
     *     after which a birth date is in the future (normally the message's occurredAt)
     * @throws InvalidIdentityNumberException if the number is not valid; its message never
     *     contains the input
     */
    public static PersonalIdentityNumber parse(String raw, LocalDate referenceDate)
            throws InvalidIdentityNumberException {
        Objects.requireNonNull(referenceDate, "referenceDate");
        if (raw == null) {
            throw new InvalidIdentityNumberException(Reason.FORMAT, InvalidIdentityNumberException.FORMAT_MESSAGE);
        }

        // tenDigits is YYMMDDNNNC; fullYear is null for the ten-digit forms.
        String tenDigits;
        Integer fullYear = null;
        boolean hundredOrOlder = false;
        Matcher longForm = LONG_FORM.matcher(raw);
        Matcher shortForm = SHORT_FORM.matcher(raw);
        if (longForm.matches()) {
            fullYear = Integer.parseInt(longForm.group(1).substring(0, 4));
            tenDigits = longForm.group(1).substring(2) + longForm.group(2);
        } else if (shortForm.matches()) {
            hundredOrOlder = "+".equals(shortForm.group(2));
            tenDigits = shortForm.group(1) + shortForm.group(3);
        } else {
            throw new InvalidIdentityNumberException(Reason.FORMAT, InvalidIdentityNumberException.FORMAT_MESSAGE);
        }

        int month = Integer.parseInt(tenDigits.substring(2, 4));
        int dayField = Integer.parseInt(tenDigits.substring(4, 6));
        boolean coordination = dayField > COORDINATION_OFFSET;
        int day = coordination ? dayField - COORDINATION_OFFSET : dayField;
        if (month < 1 || month > 12 || day < 1 || day > 31) {
            throw dateError();
        }

        int year = fullYear != null
                ? fullYear
                : resolveYear(Integer.parseInt(tenDigits.substring(0, 2)), month, day, hundredOrOlder, referenceDate);
        if (year < EARLIEST_YEAR || day > YearMonth.of(year, month).lengthOfMonth()) {
            throw dateError();
        }
        LocalDate birthDate = LocalDate.of(year, month, day);
        if (birthDate.isAfter(referenceDate)) {
            throw new InvalidIdentityNumberException(Reason.DATE, InvalidIdentityNumberException.FUTURE_MESSAGE);
        }

        if (luhnCheckDigit(tenDigits) != tenDigits.charAt(9) - '0') {
            throw new InvalidIdentityNumberException(
                    Reason.CHECK_DIGIT, InvalidIdentityNumberException.CHECK_DIGIT_MESSAGE);
        }
        return new PersonalIdentityNumber(
                String.format("%04d", year) + tenDigits.substring(2), birthDate, coordination);
    }

    /**
     * The latest year ending in {@code yy} in which month/day is not after the reference date
     * (age 0..99), or a hundred years earlier for {@code +} (age 100 or more). Compares
     * month/day only, so that 29 February can be checked against the resolved year afterwards.
     */
    private static int resolveYear(int yy, int month, int day, boolean hundredOrOlder, LocalDate referenceDate) {
        int referenceYear = referenceDate.getYear();
        int year = referenceYear - Math.floorMod(referenceYear - yy, 100);
        boolean laterInYearThanReference = month * 100 + day
                > referenceDate.getMonthValue() * 100 + referenceDate.getDayOfMonth();
        // Only a birthday in the reference year itself can lie after the reference date.
        if (year == referenceYear && laterInYearThanReference) {
            year -= 100;
        }
        return hundredOrOlder ? year - 100 : year;
    }

    /** Luhn digit over the first nine digits, weights 2,1,2,1,... from the left. */
    private static int luhnCheckDigit(String tenDigits) {
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            int product = (tenDigits.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += product / 10 + product % 10;
        }
        return (10 - sum % 10) % 10;
    }

    private static InvalidIdentityNumberException dateError() {
        return new InvalidIdentityNumberException(Reason.DATE, InvalidIdentityNumberException.DATE_MESSAGE);
    }

    /** The number as twelve digits {@code YYYYMMDDNNNC}, no separator; a coordination number keeps its day + 60. */
    public String normalised() {
        return normalised;
    }

    /** The real birth date (for a coordination number, the day with 60 taken off). */
    public LocalDate birthDate() {
        return birthDate;
    }

    /** Whether this is a coordination number (samordningsnummer), i.e. its day has 60 added. */
    public boolean coordinationNumber() {
        return coordinationNumber;
    }

    /** Legal gender from the ninth digit of the ten-digit form. */
    public LegalGender legalGender() {
        return legalGender;
    }

    /** Age in full years on {@code date} ({@link Period#between} semantics; negative before birth). */
    public int ageOn(LocalDate date) {
        return Period.between(birthDate, Objects.requireNonNull(date, "date")).getYears();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PersonalIdentityNumber that && normalised.equals(that.normalised);
    }

    @Override
    public int hashCode() {
        return normalised.hashCode();
    }

    /** Never reveals the number. */
    @Override
    public String toString() {
        return "PersonalIdentityNumber[masked]";
    }
}
