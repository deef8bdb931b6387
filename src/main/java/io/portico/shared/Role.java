package io.portico.shared;

/**
 * What a viewer may do inside its tenant. Staff roles run projects; a client reads its
 * own account's projects and acts on the milestones that are its to act on; an
 * integration reports its checks.
 */
public enum Role {

	ADMIN, STAFF, CLIENT,
	/**
	 * An integration's service token: it may report integration checks and nothing else
	 * (see {@code security.IntegrationTokens}).
	 */
	INTEGRATION;

	public boolean isStaff() {
		return this == ADMIN || this == STAFF;
	}

	/** The authority method security checks ({@code hasRole('STAFF')}). */
	public String authority() {
		return "ROLE_" + name();
	}

}
