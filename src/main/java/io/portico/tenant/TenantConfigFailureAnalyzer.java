package io.portico.tenant;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a broken tenant file into a start-up report a person can act on. */
class TenantConfigFailureAnalyzer extends AbstractFailureAnalyzer<TenantConfigException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, TenantConfigException cause) {
		return new FailureAnalysis(
				"Tenant file " + cause.file() + " is invalid at '" + cause.field() + "':\n\n    " + cause.getMessage(),
				"Fix '" + cause.field() + "' in " + cause.file()
						+ " (see README.md, 'Adding a tenant'), or point PORTICO_TENANTS_DIR at another directory.",
				cause);
	}

}
