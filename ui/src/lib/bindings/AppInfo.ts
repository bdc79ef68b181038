export type AppInfo = { version: string, dataDir: string, };
