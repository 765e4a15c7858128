package se.gransnav.delivery;

/**
 * A förbund's webhook answered with a status other than 2xx. The message names the status only:
 * the answer's body is never read into a log or an exception.
 */
public class WebhookRejectedException extends RuntimeException {

    private final int status;

    WebhookRejectedException(int status) {
        super("webhook answered HTTP " + status);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
