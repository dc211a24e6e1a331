// Typed errors the domain throws; app/web/domain-errors.server.ts maps them to HTTP in one
// place so every route answers the same way.

export class DomainError extends Error {}

/** The viewer may not do this (403). */
export class Forbidden extends DomainError {
  constructor(readonly reason: string) {
    super(`Forbidden: ${reason}`);
  }
}

/** The thing does not exist, or its existence must not leak (404). */
export class NotFound extends DomainError {
  constructor(readonly what = "resource") {
    super(`Not found: ${what}`);
  }
}

/**
 * Input the domain refuses after the schema accepted it (a taken e-mail address, a wrong
 * password). `fieldErrors` holds i18n message keys per field; "" is the form as a whole.
 */
export class Invalid extends DomainError {
  constructor(readonly fieldErrors: Record<string, string[]>) {
    super(`Invalid: ${Object.keys(fieldErrors).join(", ")}`);
  }
}

/** Too many attempts; retry after this many seconds (429). */
export class RateLimited extends DomainError {
  /** messageKey: an i18n key that says which limit, given the minutes as `count`. */
  constructor(
    readonly retryAfterSeconds: number,
    readonly messageKey?: string,
  ) {
    super(`Rate limited for ${retryAfterSeconds}s`);
  }
}
