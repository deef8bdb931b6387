package io.portico.database;

import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Embedded mode is the default: it applies whenever no R2DBC URL is configured.
 */
public class EmbeddedDatabaseCondition implements Condition {

	@Override
	public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return isEmbedded(context.getEnvironment().getProperty("spring.r2dbc.url"));
	}

	static boolean isEmbedded(String r2dbcUrl) {
		return !StringUtils.hasText(r2dbcUrl);
	}

}
