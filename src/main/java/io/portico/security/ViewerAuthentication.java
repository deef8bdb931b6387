package io.portico.security;

import java.util.Collection;

import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;

/**
 * A verified token, with the viewer it speaks for as its principal. The token itself is
 * not kept: once verified, nothing reads it again.
 */
final class ViewerAuthentication extends AbstractAuthenticationToken {

	private final Viewer viewer;

	ViewerAuthentication(Viewer viewer, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.viewer = viewer;
		setAuthenticated(true);
	}

	@Override
	public @Nullable Object getCredentials() {
		return null;
	}

	@Override
	public Viewer getPrincipal() {
		return this.viewer;
	}

	@Override
	public String getName() {
		return this.viewer.subject();
	}

}
