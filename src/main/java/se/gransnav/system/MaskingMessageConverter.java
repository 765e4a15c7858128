package se.gransnav.system;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * The log message ({@code %m}, {@code %msg}, {@code %message} in {@code logback-spring.xml}) with
 * anything shaped like a personal identity number masked ({@link PersonalNumberMask}): whatever a
 * route, a library or a mistake puts into a log line, the number does not reach the log.
 */
public class MaskingMessageConverter extends MessageConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalNumberMask.mask(super.convert(event));
    }
}
