package se.gransnav.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.stereotype.Component;

/**
 * Reads the operator-edited registry files in {@code config/}. Placeholders such as
 * {@code ${GRANSNAV_ALVKUST_SECRET}} are resolved from the environment before parsing, so secrets
 * can stay out of the files. Unknown keys are errors: a typo must not silently drop a setting.
 */
@Component
public class ConfigFileReader {

    private final ResourceLoader resources;
    private final Environment environment;
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    ConfigFileReader(ResourceLoader resources, Environment environment) {
        this.resources = resources;
        this.environment = environment;
    }

    /** The text of the file at {@code location} (a Spring resource location, e.g. {@code file:config/x}). */
    public String text(String location) {
        Resource resource = resources.getResource(location);
        if (!resource.exists()) {
            throw new IllegalStateException("Configuration file not found: " + location);
        }
        try (var in = resource.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read configuration file " + location, e);
        }
    }

    /** Reads a YAML file into {@code type}, after resolving placeholders. */
    public <T> T yaml(String location, Class<T> type) {
        String resolved = environment.resolveRequiredPlaceholders(text(location));
        try {
            return yaml.readValue(resolved, type);
        } catch (IOException e) {
            throw new IllegalStateException("Configuration file " + location + " is not valid: "
                    + (e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage()), e);
        }
    }
}
