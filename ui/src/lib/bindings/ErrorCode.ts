export type ErrorCode = "io" | "open_failed";
