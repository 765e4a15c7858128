package se.gransnav.security;

/** No valid partner credentials came with a request. Says nothing about which part was wrong. */
public class UnauthenticatedException extends RuntimeException {

    public UnauthenticatedException() {
        super("valid partner credentials (API key or client certificate) are required");
    }
}
