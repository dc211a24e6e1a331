// Plain lines for command-line tools; the server passes its pino logger instead.
export const cliLog = {
  info: (message: string) => console.log(message),
  warn: (message: string) => console.warn(message),
  debug: () => {}, // Postgres' own chatter: only shown when a start fails
};
