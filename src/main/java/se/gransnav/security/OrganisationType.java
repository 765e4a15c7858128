package se.gransnav.security;

/** What kind of organisation a partner is (contract section 1). */
public enum OrganisationType {
    MUNICIPALITY,
    AME,
    AMI,
    SCHOOL_HEALTH,
    EMPLOYMENT_SERVICE,
    SOCIAL_INSURANCE,
    REGION
}
