package io.portico.changeorder;

import java.util.Map;

import io.portico.changeorder.ChangeOrder.ChangeOrderStatus;
import io.portico.shared.PorticoException;
import io.portico.shared.Viewer;
import org.jspecify.annotations.Nullable;

/**
 * Who may decide a change order, and when. The client of the project decides (approves or
 * rejects) a proposed one; staff may only withdraw it before that. A decision is final.
 */
final class ChangeOrderRules {

	private ChangeOrderRules() {
	}

	static void check(ChangeOrder order, ChangeOrderStatus decision, @Nullable Integer expectedVersion, Viewer viewer) {
		boolean permitted = (decision == ChangeOrderStatus.WITHDRAWN) ? viewer.role().isStaff() : viewer.isClient();
		if (!permitted) {
			throw new PorticoException.Forbidden("NOT_PERMITTED",
					(decision == ChangeOrderStatus.WITHDRAWN) ? "Only staff may withdraw a change order"
							: "Only the client decides a change order; staff may withdraw it",
					Map.of("status", order.status().name()));
		}
		PorticoException.Conflict.expectVersion("change order", expectedVersion, order.version());
		if (order.status() != ChangeOrderStatus.PROPOSED) {
			throw new PorticoException.Conflict("INVALID_TRANSITION",
					"The change order is already " + order.status() + "; a decision is final",
					Map.of("status", order.status().name()));
		}
	}

}
