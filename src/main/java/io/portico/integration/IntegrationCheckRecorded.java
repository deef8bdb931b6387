package io.portico.integration;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.UUID;

import io.portico.event.EventKind;
import io.portico.event.PortalEvent;
import org.jspecify.annotations.Nullable;

/**
 * An integration check reported. Seen by who may see the project and, when it reports on
 * a milestone, that milestone.
 *
 * @param seq position in the tenant's log
 * @param projectId the project
 * @param checkId the report
 * @param milestoneId the milestone it reports on, if any
 * @param name the check
 * @param status what it reports
 * @param actor who reported it
 * @param occurredAt when
 */
public record IntegrationCheckRecorded(long seq, UUID projectId, UUID checkId, @Nullable UUID milestoneId, String name,
		CheckStatus status, @Nullable String actor, OffsetDateTime occurredAt) implements PortalEvent {

	static final EventKind<IntegrationCheckRecorded> KIND = new EventKind<>("INTEGRATION_CHECK_RECORDED",
			IntegrationCheckRecorded.class);

	@Override
	public @Nullable UUID aboutMilestone() {
		return this.milestoneId;
	}

	@Override
	public Change change() {
		return new Change("check", this.status.name().toLowerCase(Locale.ROOT));
	}

}
