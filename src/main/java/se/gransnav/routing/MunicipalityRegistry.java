package se.gransnav.routing;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

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

    private final Map<String, Municipality> byCode;

    @Autowired
    MunicipalityRegistry(ConfigFileReader files, RegistryProperties properties) {
        this(parse(files.text(properties.municipalities())));
    }

    MunicipalityRegistry(Map<String, Municipality> byCode) {
        this.byCode = Map.copyOf(byCode);
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

    public boolean exists(String code) {
        return byCode.containsKey(code);
    }

    public Collection<Municipality> all() {
        return byCode.values();
    }
}
