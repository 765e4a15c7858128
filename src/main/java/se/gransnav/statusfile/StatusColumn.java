package se.gransnav.statusfile;

import java.text.Normalizer;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The columns of a status file (partner contract, section 5), by the contract's names. */
enum StatusColumn {

    LOPNUMMER("Löpnummer", true),
    PERSONNUMMER("Personnummer", true),
    HEMKOMMUN("Hemkommun", true),
    DATUM("Datum", true),
    HANDELSE("Händelse", true),
    KATEGORI("Kategori", false),
    INSATS("Insats", false),
    TIMMAR("Timmar", false),
    PERIOD_FRAN("PeriodFrån", false),
    PERIOD_TILL("PeriodTill", false),
    AVSLUTSORSAK("Avslutsorsak", false),
    AVSLUTSDETALJ("Avslutsdetalj", false),
    ANSTALLNINGSFORM("Anställningsform", false),
    OMFATTNING("Omfattning", false),
    SUBVENTIONERAD("Subventionerad", false);

    private static final Map<String, StatusColumn> BY_KEY = new HashMap<>();
    private static final Pattern WHITE_SPACE = Pattern.compile("\\s+");

    static {
        for (StatusColumn column : values()) {
            BY_KEY.put(key(column.contractName), column);
        }
    }

    private final String contractName;
    private final boolean required;

    StatusColumn(String contractName, boolean required) {
        this.contractName = contractName;
        this.required = required;
    }

    /** The name in the contract; also the {@code path} of a problem with this column's cell. */
    String contractName() {
        return contractName;
    }

    /** Whether a file without this column cannot be read at all. */
    boolean required() {
        return required;
    }

    /** The column a header cell names, without regard to case, surrounding space or Unicode form. */
    static Optional<StatusColumn> byHeader(String headerCell) {
        return Optional.ofNullable(BY_KEY.get(key(headerCell)));
    }

    /** How header names and words are compared: trimmed, NFC, lower case, inner space collapsed. */
    static String key(String text) {
        String key = Normalizer.normalize(text.strip(), Normalizer.Form.NFC)
                .toLowerCase(Locale.ROOT);
        return WHITE_SPACE.matcher(key).replaceAll(" ");
    }
}
