package se.gransnav.system;

import java.util.regex.Pattern;

/**
 * Masks anything shaped like a Swedish personal or coordination number (ÅÅMMDD-NNNN,
 * ÅÅÅÅMMDDNNNN, with or without "-", "+" or a space) in a text that leaves the hub's control of
 * who may read it: an exception's message in a dead-letter reason or a log line. It masks by
 * shape, not by checksum, so a number that merely looks like one is masked too.
 */
public final class PersonalNumberMask {

    /** What a masked number becomes. */
    public static final String MASK = "[personnummer]";

    private static final Pattern NUMBER = Pattern.compile("(?<![0-9])(?:[0-9]{8}|[0-9]{6})[-+ ]?[0-9]{4}(?![0-9])");

    private PersonalNumberMask() {
    }

    /** The text with every number of that shape replaced by {@value #MASK}; null stays null. */
    public static String mask(CharSequence text) {
        return text == null ? null : NUMBER.matcher(text).replaceAll(MASK);
    }
}
