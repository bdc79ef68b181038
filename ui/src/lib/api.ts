// The only module that talks to the Rust side. Screens and stores call these functions and never
// import `@tauri-apps/api` or a plugin themselves, so every IPC call is typed and errors always
// arrive as `ApiError`.
import { invoke, type InvokeArgs } from '@tauri-apps/api/core';
import { open, save, type DialogFilter } from '@tauri-apps/plugin-dialog';
import type { AppInfo } from './bindings/AppInfo';
import type { ErrorCode } from './bindings/ErrorCode';

export type { AppInfo, ErrorCode };

/** Error codes from Rust, plus `unknown` for a rejection that did not come as `{code, message}`. */
export type ApiErrorCode = ErrorCode | 'unknown';

/** A failed call: `code` is for branching and choosing a translated title, `message` is the detail. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;

  constructor(code: ApiErrorCode, message: string) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
  }
}

// A `Record` over the generated `ErrorCode`, so a code added in Rust fails the type check here
// until it is listed (and given a translation under `errors.` in the message catalogues).
const KNOWN_CODES: Record<ErrorCode, true> = { io: true, open_failed: true };

function isKnownCode(code: string): code is ErrorCode {
  return Object.hasOwn(KNOWN_CODES, code);
}

/** Turns whatever a command rejected with into an `ApiError`. */
export function toApiError(reason: unknown): ApiError {
  if (reason instanceof ApiError) return reason;
  if (isCommandError(reason)) {
    return new ApiError(isKnownCode(reason.code) ? reason.code : 'unknown', reason.message);
  }
  if (reason instanceof Error) return new ApiError('unknown', reason.message);
  return new ApiError('unknown', typeof reason === 'string' ? reason : JSON.stringify(reason));
}

function isCommandError(value: unknown): value is { code: string; message: string } {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/** The commands registered in `src-tauri/src/lib.rs`. */
type Command = 'app_info' | 'open_data_dir';

async function call<T>(command: Command, args?: InvokeArgs): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

async function dialog<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (reason) {
    throw toApiError(reason);
  }
}

/** A file type offered in the open and save dialogs, e.g. `{ name: 'PDF', extensions: ['pdf'] }`. */
export type FileFilter = DialogFilter;

/** Version and data folder of this installation. */
export function appInfo(): Promise<AppInfo> {
  return call<AppInfo>('app_info');
}

/** Opens the data folder in the system's file manager. */
export function openDataDir(): Promise<void> {
  return call<void>('open_data_dir');
}

/** Asks the user for one existing file; `null` when they cancel. */
export function chooseFile(title: string, filters: FileFilter[]): Promise<string | null> {
  return dialog(() => open({ title, filters, multiple: false, directory: false }));
}

/** Asks the user for several existing files; an empty list when they cancel. */
export async function chooseFiles(title: string, filters: FileFilter[]): Promise<string[]> {
  const chosen = await dialog(() => open({ title, filters, multiple: true, directory: false }));
  return chosen ?? [];
}

/** Asks the user where to save a new file; `null` when they cancel. */
export function chooseSaveLocation(
  title: string,
  defaultPath: string,
  filters: FileFilter[],
): Promise<string | null> {
  return dialog(() => save({ title, defaultPath, filters }));
}
