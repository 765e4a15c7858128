package se.gransnav.routing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.core.env.StandardEnvironment;

/**
 * The registries built from the real files in {@code config/} (tests run with the project
 * directory as working directory), the way {@code ConfigFileReader} reads them: placeholders
 * resolved, then YAML parsed strictly. Public so that tests in other packages can use the
 * package-private constructors through it.
 */
public final class TestRegistries {

    /** The YAML reader of {@code ConfigFileReader}: java.time support, unknown keys are errors. */
    public static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private static final MunicipalityRegistry MUNICIPALITIES =
            new MunicipalityRegistry(MunicipalityRegistry.parse(configText("kommuner.csv")));

    private static final ForbundRegistry FORBUND =
            new ForbundRegistry(readYaml("forbund.yml", ForbundRegistry.ForbundFile.class).toForbund(), MUNICIPALITIES);

    private TestRegistries() {
    }

    /** The 290 municipalities of {@code config/kommuner.csv}. */
    public static MunicipalityRegistry municipalities() {
        return MUNICIPALITIES;
    }

    /** The förbund of {@code config/forbund.yml}. */
    public static ForbundRegistry forbund() {
        return FORBUND;
    }

    /** A registry of hand-made förbund over the real municipalities. */
    public static ForbundRegistry forbund(Forbund... forbund) {
        return new ForbundRegistry(List.of(forbund), MUNICIPALITIES);
    }

    /** The text of {@code config/<name>}. */
    public static String configText(String name) {
        try {
            return Files.readString(Path.of("config", name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code config/<name>} with its {@code ${NAME:default}} placeholders resolved, read as {@code type}. */
    public static <T> T readYaml(String name, Class<T> type) {
        return parseYaml(configText(name), type);
    }

    /** YAML text with its placeholders resolved, read as {@code type}. */
    public static <T> T parseYaml(String text, Class<T> type) {
        try {
            return YAML.readValue(new StandardEnvironment().resolveRequiredPlaceholders(text), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
