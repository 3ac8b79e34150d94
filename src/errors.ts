/**
 * A problem with the user's input or environment, as opposed to a bug. Its message is a full
 * sentence naming what is wrong (file, column, row, value) and what to do; the CLI and the
 * notebook runner print it without a stack trace and exit non-zero.
 */
export class UserError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UserError";
  }
}

/** True for errors whose message is meant for the user as it is. */
export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && e.name === "UserError";
}
