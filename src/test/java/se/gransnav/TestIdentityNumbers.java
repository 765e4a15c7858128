package se.gransnav;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Personal identity numbers for tests, always with a birth number 980–999 (the project's test data
 * rule) and a correct check digit. {@link #fresh} gives a participant no other test in this JVM
 * uses, for tests that leave state behind (a withdrawn consent is remembered for good).
 */
public final class TestIdentityNumbers {

    private static final AtomicInteger NEXT = new AtomicInteger();
    private static final DateTimeFormatter DATE = DateTimeFormatter.BASIC_ISO_DATE;

    private TestIdentityNumbers() {
    }

    /** A 12-digit number born on {@code birthDate} with birth number {@code birthNumber} (980–999). */
    public static String of(LocalDate birthDate, int birthNumber) {
        if (birthNumber < 980 || birthNumber > 999) {
            throw new IllegalArgumentException("test data uses birth numbers 980–999 only");
        }
        String nine = birthDate.format(DATE).substring(2) + birthNumber;
        return birthDate.format(DATE) + birthNumber + luhn(nine);
    }

    /** A number of an adult (born 1975–1999) that no other call in this JVM returns. */
    public static String fresh() {
        int n = NEXT.getAndIncrement();
        return of(LocalDate.of(1975, 1, 1).plusDays(n / 20), 980 + n % 20);
    }

    /** Luhn digit over nine digits, weights 2,1,2,... from the left (independent of the main code). */
    public static int luhn(String nine) {
        int sum = 0;
        for (int i = 0; i < nine.length(); i++) {
            int d = (nine.charAt(i) - '0') * (i % 2 == 0 ? 2 : 1);
            sum += d > 9 ? d - 9 : d;
        }
        return (10 - sum % 10) % 10;
    }
}
