package io.portico.security;

import java.util.Collection;

import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;

/** A verified token, with the viewer it speaks for as its principal. */
final class ViewerAuthentication extends AbstractAuthenticationToken {

	private final Viewer viewer;

	private @Nullable Jwt jwt;

	ViewerAuthentication(Viewer viewer, Jwt jwt, Collection<? extends GrantedAuthority> authorities) {
		super(authorities);
		this.viewer = viewer;
		this.jwt = jwt;
		setAuthenticated(true);
	}

	@Override
	public @Nullable Object getCredentials() {
		return this.jwt;
	}

	/** Drops the token once verified; a socket keeps only the viewer for its life. */
	@Override
	public void eraseCredentials() {
		super.eraseCredentials();
		this.jwt = null;
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
