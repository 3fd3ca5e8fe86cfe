// Tests never touch the developer's ./data stores unless a test sets a path itself.
process.env.SQLITE_PATH ??= ':memory:';
process.env.AUTH_DB_PATH ??= ':memory:';
process.env.LOG_LEVEL ??= 'warn';
process.env.READ_STORE_PATH ??= ':memory:';
// Timers run when a test calls them (Timers.runDue), not on a wall-clock interval behind a story's manual clock.
process.env.TIMERS ??= 'off';
