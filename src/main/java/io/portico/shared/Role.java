package io.portico.shared;

/**
 * What a viewer may do inside its tenant. Staff roles run projects; a client reads its
 * own account's projects and acts on the milestones that are its to act on.
 */
public enum Role {

	ADMIN, STAFF, CLIENT;

	public boolean isStaff() {
		return this != CLIENT;
	}

	/** The authority method security checks ({@code hasRole('STAFF')}). */
	public String authority() {
		return "ROLE_" + name();
	}

}
