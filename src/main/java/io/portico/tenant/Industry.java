package io.portico.tenant;

/** The kind of operator a tenant is; shapes its templates and vocabulary. */
public enum Industry {

	AGENCY, SAAS_ONBOARDING, CONSTRUCTION

}
