package io.portico.guard;

import java.util.Objects;

import io.portico.tenant.TenantConfig;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What one caller may ask of one instance, as defaults for every tenant
 * ({@code portico.limits.*}); a tenant's file may set its own under {@code limits}.
 *
 * @param maxDepth fields nested in one another, the outermost counted as 1
 * @param maxCost the cost of one operation (see {@link QueryShape})
 * @param maxFields field selections in one operation, aliases and fragments counted
 * @param maxRootFields fields at the top of one operation
 * @param costPerMinute cost one viewer may spend per minute on one instance
 * @param tenantCostPerMinute cost all viewers of one tenant may spend per minute on one
 * instance
 * @param subscriptionsPerSocket subscriptions open at once on one WebSocket
 * @param subscriptionsPerViewer subscriptions open at once for one viewer on one instance
 * @param subscriptionsPerTenant subscriptions open at once for one tenant on one instance
 * @param parser limits of the parser, before anything else looks at a document
 */
@ConfigurationProperties("portico.limits")
public record LimitsProperties(@DefaultValue("15") int maxDepth, @DefaultValue("50000") int maxCost,
		@DefaultValue("500") int maxFields, @DefaultValue("20") int maxRootFields,
		@DefaultValue("1000000") long costPerMinute, @DefaultValue("20000000") long tenantCostPerMinute,
		@DefaultValue("100") int subscriptionsPerSocket, @DefaultValue("500") int subscriptionsPerViewer,
		@DefaultValue("50000") int subscriptionsPerTenant, @DefaultValue Parser parser) {

	/**
	 * graphql-java's parser limits for requests.
	 *
	 * @param maxCharacters characters in one document
	 * @param maxTokens grammar tokens in one document
	 * @param maxWhitespaceTokens whitespace and comment tokens in one document
	 * @param maxRuleDepth nesting of the grammar's rules
	 */
	public record Parser(@DefaultValue("100000") int maxCharacters, @DefaultValue("5000") int maxTokens,
			@DefaultValue("20000") int maxWhitespaceTokens, @DefaultValue("200") int maxRuleDepth) {
	}

	/** These limits with whatever a tenant's file sets in place of them. */
	LimitsProperties forTenant(TenantConfig.Limits own) {
		return new LimitsProperties(or(own.maxDepth(), this.maxDepth), or(own.maxCost(), this.maxCost),
				or(own.maxFields(), this.maxFields), or(own.maxRootFields(), this.maxRootFields),
				or(own.costPerMinute(), this.costPerMinute), or(own.tenantCostPerMinute(), this.tenantCostPerMinute),
				or(own.subscriptionsPerSocket(), this.subscriptionsPerSocket),
				or(own.subscriptionsPerViewer(), this.subscriptionsPerViewer),
				or(own.subscriptionsPerTenant(), this.subscriptionsPerTenant), this.parser);
	}

	private static <T> T or(T own, T fallback) {
		return Objects.requireNonNullElse(own, fallback);
	}

}
