package se.gransnav.statusfile;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The Swedish words a column allows and what each becomes in the canonical message. Words match
 * as {@link StatusColumn#key} compares them: trimmed, NFC, without regard to case, runs of white
 * space (also a line break in a quoted cell) as one space.
 */
final class Vocabulary<T> {

    private final Map<String, T> meanings;
    private final String allowed;

    private Vocabulary(Map<String, T> meanings) {
        this.meanings = meanings;
        this.allowed = String.join(", ", meanings.keySet());
    }

    static Vocabulary<String> of(String... wordThenMeaning) {
        Map<String, String> meanings = new LinkedHashMap<>();
        for (int i = 0; i < wordThenMeaning.length; i += 2) {
            meanings.put(StatusColumn.key(wordThenMeaning[i]), wordThenMeaning[i + 1]);
        }
        return new Vocabulary<>(meanings);
    }

    static Vocabulary<Boolean> yesNo(String trueWord, String falseWord) {
        Map<String, Boolean> meanings = new LinkedHashMap<>();
        meanings.put(StatusColumn.key(trueWord), Boolean.TRUE);
        meanings.put(StatusColumn.key(falseWord), Boolean.FALSE);
        return new Vocabulary<>(meanings);
    }

    Optional<T> meaning(String word) {
        return Optional.ofNullable(meanings.get(StatusColumn.key(word)));
    }

    /** The problem message for a word that is not one of these. */
    String notOneOf() {
        return "is not one of: " + allowed;
    }
}
