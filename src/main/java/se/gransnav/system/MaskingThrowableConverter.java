package se.gransnav.system;

import ch.qos.logback.classic.spi.ILoggingEvent;
import org.springframework.boot.logging.logback.ExtendedWhitespaceThrowableProxyConverter;

/**
 * A logged exception ({@code %wEx}) with personal identity numbers masked: exception messages
 * of libraries may quote the input they failed on.
 */
public class MaskingThrowableConverter extends ExtendedWhitespaceThrowableProxyConverter {

    @Override
    public String convert(ILoggingEvent event) {
        return PersonalNumberMask.mask(super.convert(event));
    }
}
