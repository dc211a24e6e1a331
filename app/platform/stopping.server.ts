// Whether a lost database connection is a stop going as it should rather than trouble to warn
// about. A terminal's Ctrl-C reaches the embedded Postgres at the same moment as the server,
// and Postgres often ends the server's connections ("administrator command") before the
// server's own signal handler has run; a person stopping Postgres on purpose reads the same.
// Those are said at info level; anything else that cuts a connection still warns.
let stopping = false;

/** Set by server/stop.ts on SIGINT/SIGTERM. */
export function markStopping(): void {
  stopping = true;
}

// Postgres' admin_shutdown (57P01) as its message reads in English, the embedded server's
// language; a server that speaks another language simply keeps the warning.
const ADMIN_SHUTDOWN = /terminating connection due to administrator command/i;

/** True when `reason` (a lost connection's message) is explained by a stop. */
export function stopExplains(reason: string): boolean {
  return stopping || ADMIN_SHUTDOWN.test(reason);
}
