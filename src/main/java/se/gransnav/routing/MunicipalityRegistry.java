package se.gransnav.routing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

import se.gransnav.system.ConfigFileReader;
import se.gransnav.system.RegistryProperties;

/**
 * The 290 real Swedish municipalities, read from {@code config/kommuner.csv} (SCB codes, separator
 * {@code ;}, columns kommunkod, kommun, lan). A code not in this list is not a municipality
 * (HUB-004), whatever a förbund's configuration says.
 */
@Component
public class MunicipalityRegistry {

    private static final Pattern WHITE_SPACE = Pattern.compile("(?U)\\s+");

    private final Map<String, Municipality> byCode;
    /** Every accepted form of every name ({@link #nameKey}), e.g. "göteborgs stad", to its municipality. */
    private final Map<String, Municipality> byName;

    @Autowired
    MunicipalityRegistry(ConfigFileReader files, RegistryProperties properties) {
        this(parse(files.text(properties.municipalities())));
    }

    MunicipalityRegistry(Map<String, Municipality> byCode) {
        this.byCode = Map.copyOf(byCode);
        this.byName = nameForms(byCode.values());
    }

    /**
     * The forms of each name: the name itself, and the name followed by "kommun" or "stad", with
     * a genitive s unless the name already ends in s ("Göteborgs stad", "Borås stad").
     */
    private static Map<String, Municipality> nameForms(Collection<Municipality> municipalities) {
        Map<String, Municipality> forms = new HashMap<>();
        for (Municipality m : municipalities) {
            String name = nameKey(m.name());
            String genitive = name.endsWith("s") ? name : name + "s";
            for (String form : List.of(name, name + " kommun", name + " stad", genitive + " kommun", genitive + " stad")) {
                Municipality other = forms.put(form, m);
                if (other != null && !other.equals(m)) {
                    throw new IllegalStateException("The municipality names of " + other.code() + " and "
                            + m.code() + " cannot be told apart");
                }
            }
        }
        return Map.copyOf(forms);
    }

    /** A name as compared: NFC, without surrounding space, inner runs of space as one, lower case. */
    private static String nameKey(String name) {
        String nfc = Normalizer.normalize(name, Normalizer.Form.NFC);
        return WHITE_SPACE.matcher(nfc.strip()).replaceAll(" ").toLowerCase(Locale.ROOT);
    }

    static Map<String, Municipality> parse(String csv) {
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(';')
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreSurroundingSpaces(true)
                .get();
        Map<String, Municipality> result = new LinkedHashMap<>();
        try {
            for (CSVRecord row : format.parse(new StringReader(csv.replace("\uFEFF", "")))) {
                String code = row.get("kommunkod");
                if (!code.matches("[0-9]{4}")) {
                    throw new IllegalStateException("Line " + row.getRecordNumber()
                            + " of the municipality list has no four-digit kommunkod");
                }
                if (result.put(code, new Municipality(code, row.get("kommun"), row.get("lan"))) != null) {
                    throw new IllegalStateException("Municipality code " + code + " is listed twice");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (result.isEmpty()) {
            throw new IllegalStateException("The municipality list is empty");
        }
        return result;
    }

    public Optional<Municipality> byCode(String code) {
        return Optional.ofNullable(byCode.get(code));
    }

    /**
     * The municipality with this name, as a municipal case system writes it: without regard to
     * case, surrounding space or Unicode normalisation, optionally followed by "kommun" or "stad",
     * where the name may then take a genitive s. So "Göteborgs stad", "göteborg", "Kungälvs kommun",
     * "Öckerö" and "Borås stad" all match; "Göteborgs" alone does not.
     *
     * @return empty for a name that is not one of the 290, and for null
     */
    public Optional<Municipality> byName(String name) {
        return name == null ? Optional.empty() : Optional.ofNullable(byName.get(nameKey(name)));
    }

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    public Collection<Municipality> all() {
        return byCode.values();
    }
}
