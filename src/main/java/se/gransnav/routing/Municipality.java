package se.gransnav.routing;

/** A Swedish municipality with its SCB code (kommunkod), e.g. 1482 Kungälv. */
public record Municipality(String code, String name, String county) {
}
