package io.portico.project;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.UUID;

import org.jspecify.annotations.Nullable;

/**
 * A project of a client account, created from one of its tenant's templates.
 *
 * @param id its id
 * @param clientAccountId the client account it is for
 * @param name its name
 * @param status whether it is running
 * @param templateKey the template it was created from
 * @param startDate when it starts
 * @param targetDate when it should be done
 * @param contractValue what the client pays in all, if known
 * @param currency the currency of its money
 * @param createdAt when it was created
 * @param scopeLockedAt when its scope was locked; null while open
 */
public record Project(UUID id, String clientAccountId, String name, ProjectStatus status, @Nullable String templateKey,
		LocalDate startDate, LocalDate targetDate, @Nullable BigDecimal contractValue, String currency,
		OffsetDateTime createdAt, @Nullable OffsetDateTime scopeLockedAt) {

	public boolean scopeLocked() {
		return this.scopeLockedAt != null;
	}

	public enum ProjectStatus {

		ACTIVE, ON_HOLD, COMPLETED, CANCELLED

	}

	/** An exact amount in a currency; the amount travels as a decimal string. */
	public record Money(BigDecimal amount, String currency) {
	}

	public record ClientAccount(String id, String name) {
	}

}
