package se.gransnav.security;

import se.gransnav.routing.TestRegistries;

/** The partner registry of the real {@code config/partners.yml}, for tests outside this package. */
public final class TestPartners {

    private TestPartners() {
    }

    public static PartnerRegistry registry() {
        return new PartnerRegistry(TestRegistries.readYaml("partners.yml", PartnerRegistry.PartnerFile.class)
                .toPartners(), TestRegistries.municipalities());
    }
}
