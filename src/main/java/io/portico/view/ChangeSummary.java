package io.portico.view;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.portico.event.PortalEvent;
import io.portico.tenant.TenantConfig;

/**
 * One line that says what changed, in the tenant's words: "2 stages completed, 1 report
 * handed over, 1 invoice issued". Each event says what it changed
 * ({@link PortalEvent#change}); the line counts them in the order they first happened.
 */
final class ChangeSummary {

	static final String FIRST_VISIT = "Your first visit: everything here is new";

	static final String NOTHING_NEW = "Nothing new since your last visit";

	private ChangeSummary() {
	}

	static String of(List<PortalEvent> events, boolean more, TenantConfig.Vocabulary words) {
		if (events.isEmpty()) {
			return NOTHING_NEW;
		}
		Map<PortalEvent.Change, Integer> counts = new LinkedHashMap<>();
		int others = 0;
		for (PortalEvent event : events) {
			PortalEvent.Change change = event.change();
			if (change == null) {
				others++;
			}
			else {
				counts.merge(change, 1, Integer::sum);
			}
		}
		StringBuilder line = new StringBuilder();
		counts.forEach((change, n) -> append(line, n, noun(change.noun(), words), change.verb()));
		if (others > 0) {
			append(line, others, "other update", "");
		}
		if (more) {
			line.append(", and more");
		}
		return line.toString();
	}

	private static void append(StringBuilder line, int n, String noun, String verb) {
		if (!line.isEmpty()) {
			line.append(", ");
		}
		line.append(n).append(' ').append((n == 1) ? noun : plural(noun));
		if (!verb.isEmpty()) {
			line.append(' ').append(verb);
		}
	}

	private static String noun(String noun, TenantConfig.Vocabulary words) {
		String word = switch (noun) {
			case PortalEvent.Change.MILESTONE -> words.milestone();
			case PortalEvent.Change.PROJECT -> words.project();
			case PortalEvent.Change.DELIVERABLE -> words.deliverable();
			default -> noun;
		};
		return word.toLowerCase(Locale.ROOT);
	}

	/** English plurals of the nouns events and vocabularies use. */
	static String plural(String noun) {
		if (noun.endsWith("s") || noun.endsWith("x") || noun.endsWith("ch") || noun.endsWith("sh")) {
			return noun + "es";
		}
		if (noun.endsWith("y") && noun.length() > 1 && "aeiou".indexOf(noun.charAt(noun.length() - 2)) < 0) {
			return noun.substring(0, noun.length() - 1) + "ies";
		}
		return noun + "s";
	}

}
