package se.gransnav.normalise;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.springframework.stereotype.Component;

import se.gransnav.security.Partner;

/**
 * Reads a municipal referral (contract section 4) into a validated canonical REFERRAL. Every
 * problem is listed in one answer, at the remiss's own field names: those of the remiss format
 * itself (an unknown municipality name, an unknown målgrupp) and those the canonical rules find
 * in what it maps to (a bad personnummer, missing consent), the latter only where the former have
 * not already named the same field.
 */
@Component
public class RemissReader {

    private final RemissMapper mapper;
    private final CanonicalMessageReader reader;

    RemissReader(RemissMapper mapper, CanonicalMessageReader reader) {
        this.mapper = mapper;
        this.reader = reader;
    }

    public ValidatedMessage readHttp(byte[] body, String contentType, Partner partner, OffsetDateTime receivedAt) {
        CanonicalMessageReader.checkMediaType(contentType);
        JsonNode remiss = reader.parse(body);
        List<Problem> problems = new ArrayList<>();
        ObjectNode canonical = mapper.toCanonical(remiss, problems);
        try {
            ValidatedMessage validated = reader.validate(canonical, partner, Channel.HTTP, receivedAt);
            if (problems.isEmpty()) {
                return validated;
            }
        } catch (MessageRejectedException rejection) {
            Set<String> named = problems.stream().map(Problem::path).collect(Collectors.toSet());
            for (Problem p : mapper.inRemissTerms(rejection).problems()) {
                if (!named.contains(p.path())) {
                    problems.add(p);
                }
            }
        }
        throw new MessageRejectedException(problems);
    }
}
