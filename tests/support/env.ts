// Tests never touch the demo database of `npm start`: SQLite runs use a file of their own.
if (!process.env.DATABASE_URL) process.env.DATABASE_FILENAME = process.env.DATABASE_FILENAME ?? '.tmp/test.db';
process.env.NODE_ENV = 'test';
process.env.LOG_LEVEL = process.env.LOG_LEVEL ?? 'warn';
export {};
