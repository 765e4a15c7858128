package se.gransnav.normalise;

/**
 * Whether a participant's withdrawn consent stops a message (HUB-009). Asked for every message
 * that passed all other rules, so the answer can rely on its förbund and participant reference.
 */
@FunctionalInterface
public interface ConsentGate {

    /** A gate that stops nothing (for tests of the rules alone). */
    ConsentGate OPEN = message -> false;

    boolean stops(ValidatedMessage message);
}
