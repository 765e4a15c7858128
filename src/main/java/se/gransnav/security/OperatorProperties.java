package se.gransnav.security;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Operators who may log in to Hawtio and the management endpoints.
 *
 * @param users each with a password hash in Spring Security's format ({@code {bcrypt}$2a$...})
 *              and roles {@code viewer} and/or {@code admin}
 */
@ConfigurationProperties("gransnav.operators")
public record OperatorProperties(@DefaultValue List<User> users) {

    public record User(String username, String passwordHash, List<String> roles) {
    }
}
