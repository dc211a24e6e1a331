// Every test process installs the app's event subscribers, as the app's entry does: a domain
// write records its events, and search indexes in the same transaction (decision 014).
import "~/subscribers.server";
