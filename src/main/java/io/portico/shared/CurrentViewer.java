package io.portico.shared;

import java.util.List;

import reactor.core.publisher.Mono;
import reactor.util.context.Context;

import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;

/**
 * The viewer of the current request, read from the Reactor context where Spring Security
 * put the verified authentication. Its absence fails closed.
 */
public final class CurrentViewer {

	private CurrentViewer() {
	}

	public static Mono<Viewer> get() {
		return ReactiveSecurityContextHolder.getContext()
			.mapNotNull((context) -> context.getAuthentication())
			.mapNotNull((authentication) -> (authentication.getPrincipal() instanceof Viewer viewer) ? viewer : null)
			.switchIfEmpty(Mono.error(() -> new PorticoException.Unauthenticated()));
	}

	/**
	 * A context in which the given viewer acts, with its role's authority, for work the
	 * service starts itself: seeding demo data, or the shared execution of a lens.
	 */
	public static Context as(Viewer viewer) {
		return ReactiveSecurityContextHolder.withAuthentication(UsernamePasswordAuthenticationToken
			.authenticated(viewer, null, List.of(new SimpleGrantedAuthority(viewer.role().authority()))));
	}

}
